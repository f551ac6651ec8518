// An open-loop load: requests sent at evenly spaced times (a fixed rate), over a pool of keep-alive
// connections, each with the next cookie of a list, and each latency timed from the moment the
// request was DUE, not from when a connection became free. A closed loop (autocannon's N always-busy
// connections) keeps the server saturated: its p50 is N ÷ req/s by Little's law, whatever the
// route. autocannon's own rate option sends each second's quota as one burst at the start of the
// second, which queues the same way. Here a request that had to wait for a connection, because the
// server fell behind, counts that wait (no "coordinated omission"), so a server that cannot keep up
// shows it in its latencies as well as in a rate below the one asked.
import http from "node:http";

export interface PacedResult {
  /** latencies in ms, from when each request was due to its last byte */
  times: number[];
  /** requests answered per second, over the run */
  reqs: number;
  /** not 2xx, or failed */
  bad: number;
  /** this process's CPU per answered request (the load generator's cost: it shares the machine) */
  genCpuMs: number;
}

export async function paced(url: string, { rate, seconds, connections, cookies = [] }: { rate: number; seconds: number; connections: number; cookies?: string[] }): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const u = new URL(url);
  const total = Math.max(1, Math.round(rate * seconds));
  const times: number[] = [];
  let bad = 0;
  const one = (due: number, cookie: string | undefined) =>
    new Promise<void>((resolve) => {
      const req = http.request({ agent, host: u.hostname, port: u.port, path: u.pathname + u.search, headers: cookie ? { Cookie: cookie } : {} }, (res) => {
        res.on("data", () => {});
        res.on("end", () => {
          times.push(performance.now() - due);
          if (res.statusCode === undefined || res.statusCode < 200 || res.statusCode >= 300) bad++;
          resolve();
        });
      });
      req.on("error", () => {
        bad++;
        resolve();
      });
      req.end();
    });
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // the agent queues it when every connection is busy: the wait counts, from `due`
    pending.push(one(due, cookies.length ? cookies[i % cookies.length] : undefined));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  return { times: times.sort((a, b) => a - b), reqs: times.length / elapsed, bad, genCpuMs: (cpu.user + cpu.system) / 1000 / Math.max(1, times.length) };
}
