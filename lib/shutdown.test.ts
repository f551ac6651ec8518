// A draining process must not wait out its keep-alive connections: Next stops with server.close(),
// which closes only the connections idle at that moment, and instances keep idle connections for
// 65 s (scripts/lib/instance.json). Real sockets, a real http.Server, no mocks.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { installCloseWhileDraining, startDraining, stopDrainingForTests } from "./shutdown";

afterEach(() => stopDrainingForTests());

function get(agent: http.Agent, port: number, path: string): Promise<{ status: number; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      })
      .on("error", reject);
  });
}

describe("closing connections while draining", () => {
  it("closes a keep-alive connection once the request that was running at the signal is answered, so server.close() returns at once", async () => {
    installCloseWhileDraining();
    let release!: () => void;
    const started = new Promise<void>((r) => (release = r));
    const server = http.createServer((req, res) => {
      if (req.url === "/slow") {
        release();
        setTimeout(() => res.end("slow"), 150);
      } else res.end("fast");
    });
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const idle = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // one connection idle (kept alive after a request), one busy when the signal comes
      expect((await get(idle, port, "/fast")).connection).toBe("keep-alive");
      expect((await get(agent, port, "/fast")).connection).toBe("keep-alive");
      const slow = get(agent, port, "/slow");
      await started;
      startDraining();
      const t0 = Date.now();
      const closed = new Promise<number>((r) => server.close(() => r(Date.now() - t0)));
      expect((await slow).status).toBe(200);
      const ms = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(Infinity), 5_000))]);
      expect(ms).toBeLessThan(2_000);
    } finally {
      idle.destroy();
      agent.destroy();
      server.closeAllConnections();
    }
  });

  it("answers a request that arrives on an open connection while draining with Connection: close", async () => {
    installCloseWhileDraining();
    const server = http.createServer((_req, res) => res.end("ok"));
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await get(agent, port, "/a")).connection).toBe("keep-alive");
      startDraining();
      expect((await get(agent, port, "/b")).connection).toBe("close");
    } finally {
      agent.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
