// Graceful shutdown of a `next start` process on SIGTERM/SIGINT (installed by instrumentation.ts).
// Next itself stops accepting connections, waits for in-flight requests to finish and then calls
// process.exit; we add what it does not know about: GET /api/health answers 503 "draining" from the
// first signal on (so a balancer stops choosing this instance), connections close once their
// response is sent (installCloseWhileDraining), and the exit waits until the
// mysql2 pool and the content store are closed. Bounded: a shutdown that takes longer than
// ATRIUM_SHUTDOWN_TIMEOUT_MS (default 25 s) exits anyway with status 1.
// State lives on globalThis: instrumentation and route handlers are separate bundles.
import http from "node:http";
import { closeDb } from "@/lib/db";
import { closeContentStore } from "@/lib/content";

type ShutdownState = { installed: boolean; draining: boolean };
const g = globalThis as unknown as { __atriumShutdown?: ShutdownState };

function state(): ShutdownState {
  g.__atriumShutdown ??= { installed: false, draining: false };
  return g.__atriumShutdown;
}

/** True once this process got SIGTERM/SIGINT and is finishing its in-flight requests. */
export function isDraining(): boolean {
  return g.__atriumShutdown?.draining ?? false;
}

/** Starts draining (the signal handler; tests call it directly). */
export function startDraining(): void {
  state().draining = true;
}

/** Tests only: back to serving. */
export function stopDrainingForTests(): void {
  state().draining = false;
}

const CLOSE_HOOK = Symbol.for("atrium.closeWhileDraining");

/**
 * While draining, every connection closes once its response is sent. Next stops with
 * server.close(), which closes the connections idle at that moment and then waits for the others;
 * a keep-alive connection whose request was still running would otherwise stay open until the
 * client leaves or keepAliveTimeout (65 s, scripts/lib/instance.json) ends it, and the shutdown
 * would hit its own timeout. Requests arriving on such a connection meanwhile are answered with
 * `Connection: close`. Installed on every http.Server of the process (idempotent).
 */
export function installCloseWhileDraining(): void {
  const proto = http.Server.prototype as { emit: (event: string | symbol, ...args: unknown[]) => boolean } & { [CLOSE_HOOK]?: boolean };
  if (proto[CLOSE_HOOK]) return;
  proto[CLOSE_HOOK] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      const socket = req.socket; // (res.socket is detached by the time "finish" listeners run)
      if (isDraining()) res.shouldKeepAlive = false;
      else res.once("finish", () => isDraining() && socket.end());
    }
    return emit.call(this, event, ...args);
  };
}

/** Closes the process-wide pools; never throws, bounded by `ms`. */
export async function closePools(ms = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.error(`[atrium] pools did not close within ${ms} ms`);
      resolve();
    }, ms);
  });
  const close = Promise.allSettled([closeDb(), closeContentStore()]).then((results) => {
    for (const r of results) if (r.status === "rejected") console.error("[atrium] closing a pool failed:", r.reason);
  });
  await Promise.race([close, timeout]);
  clearTimeout(timer);
}

export function installGracefulShutdown(opts: { timeoutMs?: number; log?: (msg: string) => void } = {}): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  const log = opts.log ?? ((msg: string) => console.log(msg));
  const timeoutMs = opts.timeoutMs ?? (Number(process.env.ATRIUM_SHUTDOWN_TIMEOUT_MS) || 25_000);

  installCloseWhileDraining();
  const onSignal = (signal: NodeJS.Signals) => {
    if (s.draining) return;
    startDraining();
    const started = Date.now();
    log(`[atrium] ${signal}: draining (no new connections; finishing in-flight requests)`);
    const realExit = process.exit.bind(process);
    let exiting = false;
    // Next calls process.exit once its HTTP server has closed (every in-flight request answered).
    process.exit = ((code?: number | string | null) => {
      if (exiting) return undefined as never;
      exiting = true;
      void closePools().then(() => {
        log(`[atrium] stopped after ${Date.now() - started} ms: requests finished, database pool closed`);
        realExit(code ?? 0);
      });
      return undefined as never;
    }) as typeof process.exit;
    setTimeout(() => {
      console.error(`[atrium] shutdown did not finish within ${timeoutMs} ms; exiting`);
      realExit(1);
    }, timeoutMs).unref();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);

  // `npm run cluster` starts its instances in their own process groups and sets this: should the
  // cluster process die without stopping them (kill -9), they stop themselves instead of lingering.
  if (process.env.ATRIUM_EXIT_WITH_PARENT === "1") {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent && !s.draining) {
        log(`[atrium] parent process ${parent} is gone: shutting down`);
        process.kill(process.pid, "SIGTERM");
      }
    }, 2_000).unref();
  }
}
