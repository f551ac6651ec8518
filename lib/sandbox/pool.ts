// A warm pool of Pyodide sandbox processes (child.mjs) for course Python. Server-only.
// Each process runs one job at a time; a job gets a hard time limit (interrupt inside Python at
// `timeoutMs`, kill + respawn of the process at `timeoutMs + killGraceMs`). Processes are
// recycled after `maxJobs` jobs so state a course script leaves behind cannot accumulate.
import { type ChildProcess, fork } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import type * as Esbuild from "esbuild";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { PythonCheck, PythonJob, PythonJobResult } from "@/lib/capa/scripted";
import type { CustomCheckResult } from "@/lib/capa/types";
import { env } from "@/lib/env";

// The job and result shapes are capa's (lib/capa/scripted.ts): the pool only carries them.
export type SandboxCheck = PythonCheck;
export type SandboxJob = PythonJob;
export type CheckResult = CustomCheckResult;
export type SandboxResult = PythonJobResult;

export interface PoolOptions {
  size?: number;
  timeoutMs?: number;
  killGraceMs?: number;
  wasmMaxMb?: number;
  jsHeapMb?: number;
  maxJobs?: number;
  /** A process idle this long is stopped (a Pyodide process holds ~180 MB); the next job starts one again (~1.5–3 s). */
  idleMs?: number;
  /** Path of the bundled calculator (set by the pool; null when esbuild is not available). */
  calcBundle?: string | null;
}

interface Pending {
  resolve: (r: SandboxResult) => void;
  timer: NodeJS.Timeout;
}

/** A path joined at run time: the bundler must not try to bundle the sandbox process's script. */
function runtimePath(...parts: string[]): string {
  return parts.join(path.sep);
}

class SandboxProcess {
  child: ChildProcess;
  ready: Promise<void>;
  busy = false;
  /** when it last finished a job (or started) */
  idleSince = Date.now();
  jobs = 0;
  dead = false;
  /** it has reported ready (false while Pyodide is still loading) */
  started = false;
  lastMemory: { rss: number; wasm: number } | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private opts: Required<PoolOptions>, onExit: (p: SandboxProcess) => void) {
    const dir = path.join(process.cwd(), "lib", "sandbox");
    const indexURL = path.join(process.cwd(), "node_modules", "pyodide");
    const calc = opts.calcBundle;
    this.child = fork(runtimePath(dir, "child.mjs"), [], {
      execArgv: [
        `--max-old-space-size=${opts.jsHeapMb}`,
        "--experimental-permission",
        `--allow-fs-read=${dir}${path.sep}*`,
        `--allow-fs-read=${indexURL}${path.sep}*`,
        ...(calc ? [`--allow-fs-read=${calc}`] : []),
        "--allow-worker",
        "--disallow-code-generation-from-strings",
        "--no-warnings",
      ],
      env: { NODE_ENV: "production", PYODIDE_INDEX_URL: indexURL, SANDBOX_WASM_MAX_MB: String(opts.wasmMaxMb), PATH: "", ...(calc ? { SANDBOX_CALC: calc } : {}) },
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "advanced",
    });
    // An idle pool never keeps the server (or a test run, or a CLI) alive: the process and its
    // stderr pipe are unreferenced, and the IPC channel once the sandbox is ready (until then it
    // holds the caller that waits for it; a running job holds it by its time-limit timer).
    this.child.unref();
    (this.child.stderr as { unref?: () => void } | null)?.unref?.();
    let stderr = "";
    this.child.stderr?.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    this.ready = new Promise((resolve, reject) => {
      const onMsg = (m: { type?: string }) => {
        if (m?.type === "ready") {
          this.child.off("message", onMsg);
          this.child.channel?.unref();
          this.started = true;
          resolve();
        }
      };
      this.child.on("message", onMsg);
      this.child.once("exit", (code) => reject(new Error(`sandbox exited during start-up (${code}): ${stderr.trim()}`)));
    });
    this.ready.catch(() => {});
    this.child.on("message", (m: { type?: string; id?: number; result?: SandboxResult; error?: string; memory?: { rss: number; wasm: number } }) => {
      if (m?.type !== "result" || m.id === undefined) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.memory) this.lastMemory = m.memory;
      if (m.result) p.resolve(m.result);
      else p.resolve({ ok: false, stage: "sandbox", message: `the sandbox failed: ${m.error ?? "unknown error"}` });
    });
    this.child.once("exit", () => {
      this.dead = true;
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.resolve({ ok: false, stage: "sandbox", message: "the code was stopped: it used more memory or time than allowed" });
      }
      this.pending.clear();
      onExit(this);
    });
  }

  run(job: SandboxJob, pythonLib: { hash: string; bytes: Uint8Array } | null, timeoutMs: number): Promise<SandboxResult> {
    const id = this.nextId++;
    this.jobs++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // Python did not stop at its interrupt (e.g. one long C-level operation): kill it.
        this.pending.delete(id);
        resolve({ ok: false, stage: "script", message: "the code ran longer than the time limit" });
        this.kill();
      }, timeoutMs + this.opts.killGraceMs);
      this.pending.set(id, { resolve, timer });
      this.child.send({ type: "job", id, job, timeoutMs, pythonLib: pythonLib ? { hash: pythonLib.hash, bytes: pythonLib.bytes } : null });
    });
  }

  kill(): void {
    if (!this.dead) this.child.kill("SIGKILL");
    this.dead = true;
  }
}

export class SandboxPool {
  private opts: Required<PoolOptions>;
  private procs: SandboxProcess[] = [];
  private waiting: ((p: SandboxProcess) => void)[] = [];
  private closed = false;

  constructor(options: PoolOptions = {}) {
    this.opts = {
      size: options.size ?? 2,
      timeoutMs: options.timeoutMs ?? 1000,
      killGraceMs: options.killGraceMs ?? 1000,
      wasmMaxMb: options.wasmMaxMb ?? 512,
      jsHeapMb: options.jsHeapMb ?? 256,
      maxJobs: options.maxJobs ?? 500,
      idleMs: options.idleMs ?? 10 * 60_000,
      calcBundle: options.calcBundle ?? null,
    };
  }

  private spawn(): SandboxProcess {
    const p = new SandboxProcess(this.opts, (dead) => {
      this.procs = this.procs.filter((x) => x !== dead);
    });
    this.procs.push(p);
    return p;
  }

  private calcReady: Promise<void> | null = null;
  private ownsCalcBundle = false;

  /** Bundle lib/capa/calc.ts (and mathjs) into one file the sandbox may read, once. */
  private prepareCalc(): Promise<void> {
    this.calcReady ??= (async () => {
      if (this.opts.calcBundle) return;
      try {
        // Resolved from the app's own node_modules (works under Next, tsx and Vitest alike).
        const esbuild = createRequire(path.join(process.cwd(), "package.json"))("esbuild") as typeof Esbuild;
        const out = path.join(os.tmpdir(), "atrium-sandbox", `calc-${process.pid}-${Date.now()}.mjs`);
        await mkdir(path.dirname(out), { recursive: true });
        await esbuild.build({
          entryPoints: [path.join(process.cwd(), "lib", "capa", "calc.ts")],
          bundle: true,
          format: "esm",
          platform: "node",
          outfile: out,
          logLevel: "silent",
        });
        this.opts.calcBundle = out;
        this.ownsCalcBundle = true;
        // esbuild keeps a service process (~80 MB resident) alive for later builds; there are none.
        await esbuild.stop();
      } catch (e) {
        console.warn(`[sandbox] calc is not available to course code: ${(e as Error).message}`);
      }
    })();
    return this.calcReady;
  }

  /** Start every process of the pool and wait until they are ready. */
  async warm(): Promise<void> {
    await this.prepareCalc();
    while (this.procs.length < this.opts.size) this.spawn();
    await Promise.all(this.procs.map((p) => p.ready));
    for (const p of this.procs) p.idleSince = Date.now();
    this.reapLater();
  }

  /**
   * Whether a busy pool may start one more process: below its size, and none still starting. A
   * start costs about 3 s of CPU (measured: 3.3 s of machine CPU, 2.3 s wall): a burst of first
   * jobs after a deploy would otherwise start every process of every instance at once and take
   * the machine's cores from everything else. Jobs wait for the one that is starting; the pool
   * grows, one process at a time, while jobs keep waiting for a busy, started process.
   */
  private mayGrow(): boolean {
    const live = this.procs.filter((p) => !p.dead);
    return live.length < this.opts.size && live.every((p) => p.started);
  }

  private acquire(): Promise<SandboxProcess> {
    const idle = this.procs.find((p) => !p.dead && !p.busy);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    if (this.mayGrow()) {
      const p = this.spawn();
      p.busy = true;
      return Promise.resolve(p);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(p: SandboxProcess): void {
    if (p.jobs >= this.opts.maxJobs) p.kill();
    const next = this.waiting.shift();
    if (next) {
      if (p.dead) {
        const fresh = this.spawn();
        fresh.busy = true;
        next(fresh);
      } else next(p);
      // Still more waiting than this process serves: start one more (mayGrow) for the next of them.
      if (this.waiting.length > 0 && this.mayGrow()) {
        const more = this.spawn();
        more.busy = true;
        this.waiting.shift()!(more);
      }
      return;
    }
    p.busy = false;
    p.idleSince = Date.now();
    this.reapLater();
  }

  private reaper: NodeJS.Timeout | null = null;

  /** Stops processes idle for idleMs, checking while any is alive (the timer never keeps the process up). */
  private reapLater(): void {
    if (this.reaper || this.closed) return;
    this.reaper = setTimeout(() => {
      this.reaper = null;
      const now = Date.now();
      for (const p of this.procs) if (!p.busy && !p.dead && now - p.idleSince >= this.opts.idleMs) p.kill();
      if (this.procs.some((p) => !p.dead)) this.reapLater();
    }, Math.min(this.opts.idleMs, 60_000));
    this.reaper.unref();
  }

  async run(job: SandboxJob, pythonLib?: Uint8Array | null): Promise<SandboxResult> {
    if (this.closed) return { ok: false, stage: "sandbox", message: "the sandbox is shut down" };
    await this.prepareCalc();
    const p = await this.acquire();
    try {
      try {
        await p.ready;
      } catch (e) {
        return { ok: false, stage: "sandbox", message: (e as Error).message };
      }
      const lib = pythonLib ? { hash: createHash("sha256").update(pythonLib).digest("hex").slice(0, 32), bytes: pythonLib } : null;
      return await p.run(job, lib, this.opts.timeoutMs);
    } finally {
      this.release(p);
    }
  }

  /** Memory of the pool's processes, as last reported (bytes). */
  memory(): { processes: number; rss: number; wasm: number } {
    const live = this.procs.filter((p) => !p.dead);
    return {
      processes: live.length,
      rss: live.reduce((s, p) => s + (p.lastMemory?.rss ?? 0), 0),
      wasm: live.reduce((s, p) => s + (p.lastMemory?.wasm ?? 0), 0),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reaper) clearTimeout(this.reaper);
    for (const p of this.procs) p.kill();
    this.procs = [];
    if (this.ownsCalcBundle && this.opts.calcBundle) await rm(this.opts.calcBundle, { force: true });
  }
}

let shared: SandboxPool | null = null;

/** The process-wide pool (size from SANDBOX_POOL_SIZE, default 2). */
export function getSandbox(): SandboxPool {
  shared ??= new SandboxPool({ size: env().SANDBOX_POOL_SIZE });
  return shared;
}
