// The socket-address stamp on a real Node http server: every request carries the TCP peer in
// the private header, whatever the client sent, and a forged header never passes for a stamp.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installSocketAddressStamp, SOCKET_ADDRESS_HEADER, socketAddressOf } from "./socket-address";

let server: http.Server;
let base = "";
const seen: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  // Created before the stamp is installed, as `next start` creates its server before register().
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.end(JSON.stringify({ address: socketAddressOf(req.headers), raw: req.rawHeaders.filter((h) => h.toLowerCase() === SOCKET_ADDRESS_HEADER).length }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("socket address stamp", () => {
  it("is not trusted before it is installed (a forged header is ignored)", async () => {
    const r = await fetch(base, { headers: { [SOCKET_ADDRESS_HEADER]: "anything 6.6.6.6" } });
    expect((await r.json()) as unknown).toEqual({ address: null, raw: 1 });
  });

  it("stamps the TCP peer on every request and replaces any client copy", async () => {
    installSocketAddressStamp();
    installSocketAddressStamp(); // idempotent: one stamp, one wrapper
    const plain = await fetch(base);
    expect(((await plain.json()) as { address: string }).address).toMatch(/^(::ffff:)?127\.0\.0\.1$/);

    const forged = await fetch(base, { headers: { [SOCKET_ADDRESS_HEADER]: "guess 6.6.6.6", "x-forwarded-for": "6.6.6.6" } });
    const body = (await forged.json()) as { address: string; raw: number };
    expect(body.address).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    expect(body.raw).toBe(1);
    const headers = seen.at(-1)!;
    expect(String(headers[SOCKET_ADDRESS_HEADER])).not.toContain("6.6.6.6");
    expect(headers["x-forwarded-for"]).toBe("6.6.6.6"); // left alone: lib/auth/client-ip.ts decides about it
  });

  it("refuses header values that do not carry this process's token", () => {
    expect(socketAddressOf({ [SOCKET_ADDRESS_HEADER]: "guess 6.6.6.6" })).toBeNull();
    expect(socketAddressOf(new Headers({ [SOCKET_ADDRESS_HEADER]: "guess 6.6.6.6" }))).toBeNull();
    expect(socketAddressOf({})).toBeNull();
  });
});
