// npm run bench -- load [--learners N] [--duration S] [--instances N] [--port P] [--first-port Q] [--timeout S] [--dist DIR]
// Load through nginx, loopback only, bounded: a throwaway database (migrated, demo course
// imported, N learner accounts enrolled: bench/load-setup.ts), `npm run cluster` with N instances
// on one build, then N simulated learners for S seconds (default 200 for 60 s). Each signs in
// (next-auth credentials, like a browser), then loops: open a unit page and, as its client islands
// do, read the learner's state of that unit (GET …/state?unit=), submit answers to one of
// its problems through the same server action the page's Submit button calls (POST with a
// Next-Action header). Prints req/s, p50/p99 per kind, errors, graded submissions per second, the
// unit pages by page-cache answer, submit latency by problem and where the window's CPU went (each
// instance with its sandboxes, nginx, MariaDB, this generator: cores and ms per graded), and
// then checks that every submission the server acknowledged (ok: true, attempt n) is a row in
// MySQL's submissions table. Everything it started is stopped and the database dropped.
// The helpers are shared with scripts/faults.ts (kill -9 an instance / stop MariaDB mid-load).
import { OPENEDX_DEMO_DIR } from "@/scripts/lib/shared-fixtures";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";
import type { LoadSetup } from "./load-setup";
import { cookieHeader, cookiesOf, opt } from "./lib/http";
import { databasePid, treeCpuMs } from "./lib/process";

const ROOT = process.cwd();
const DEMO = OPENEDX_DEMO_DIR;

function sh(cmd: string, argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, argv, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.stderr.on("data", (d: Buffer) => (err += d.toString()));
    p.on("error", reject);
    p.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(cmd)} ${argv.join(" ")} exited ${code}\n${(err || out).slice(-2000)}`))));
  });
}

const tsx = () => path.join(ROOT, "node_modules/.bin/tsx");

// ---------------------------------------------------------------- database ---------------

export type Prepared = { dbUrl: string; contentDir: string; setup: LoadSetup; env: NodeJS.ProcessEnv; drop: () => Promise<void> };

/** A throwaway database `name` on `serverUrl`: migrated, seeded, demo course imported, N learners. */
export async function prepareDatabase(serverUrl: string, name: string, learners: number, extraEnv: Record<string, string> = {}): Promise<Prepared> {
  if (!existsSync(DEMO)) throw new Error(`the Open edX demo course is missing at ${DEMO}`);
  const dbUrl = `${serverUrl}/${name}`;
  const contentDir = await mkdtemp(path.join(tmpdir(), `${name}-content-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extraEnv,
    DATABASE_URL: dbUrl,
    NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
    CONTENT_STORE: "disk",
    CONTENT_DIR: contentDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const drop = async () => {
    const c = await mysql.createConnection({ uri: serverUrl }).catch(() => null);
    await c?.query(`DROP DATABASE IF EXISTS \`${name}\``).catch(() => undefined);
    await c?.end();
    await rm(contentDir, { recursive: true, force: true });
  };
  try {
    await sh(tsx(), ["scripts/db-migrate.ts"], env);
    await sh(tsx(), ["--conditions=react-server", "scripts/db-seed.ts"], env);
    await sh(tsx(), ["--conditions=react-server", "scripts/olx.ts", "import", DEMO, "--owner", "author"], env);
    const out = path.join(contentDir, "load-setup.json");
    console.log((await sh(tsx(), ["--conditions=react-server", "bench/load-setup.ts", "--learners", String(learners), "--out", out], env)).trim());
    const setup = JSON.parse(readFileSync(out, "utf8")) as LoadSetup;
    return { dbUrl, contentDir, setup, env, drop };
  } catch (err) {
    await drop();
    throw err;
  }
}

// ---------------------------------------------------------------- cluster ----------------

export type ClusterState = { url: string; port: number; nginx: { pid: number }; instances: { index: number; port: number; pid: number; url: string; state: string }[] };
export type RunningCluster = { proc: ChildProcess; state: ClusterState; stateDir: string; log: () => string; stop: () => Promise<number | null> };

/** `npm run cluster` on its own state folder, on an existing build (builds only if there is none). */
export async function startCluster(o: { env: NodeJS.ProcessEnv; instances: number; port: number; firstPort: number; distDir: string }): Promise<RunningCluster> {
  const stateDir = await mkdtemp(path.join(tmpdir(), "atrium-cluster-"));
  const hasBuild = existsSync(path.join(ROOT, o.distDir, "BUILD_ID"));
  const argv = ["scripts/cluster.ts", "--instances", String(o.instances), "--port", String(o.port), "--first-port", String(o.firstPort), "--var", stateDir];
  if (hasBuild) argv.push("--no-build");
  else console.log(`no build in ${o.distDir}: the cluster builds first`);
  // node --import tsx: one process, so signals reach the cluster itself (no wrapper in between).
  const proc = spawn(process.execPath, ["--import", "tsx", ...argv], { cwd: ROOT, env: { ...o.env, NEXT_DIST_DIR: o.distDir, NEXTAUTH_URL: `http://127.0.0.1:${o.port}` }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  proc.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  proc.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  const stateFile = path.join(stateDir, "cluster.json");
  const until = Date.now() + (hasBuild ? 300_000 : 900_000);
  while (!existsSync(stateFile)) {
    if (proc.exitCode !== null) throw new Error(`cluster exited (${proc.exitCode}):\n${log.slice(-3000)}`);
    if (Date.now() > until) {
      proc.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 60_000))]);
      throw new Error(`cluster did not come up:\n${log.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const state = JSON.parse(readFileSync(stateFile, "utf8")) as ClusterState;
  const stop = async () => {
    if (proc.exitCode === null) proc.kill("SIGTERM");
    const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
    await rm(stateDir, { recursive: true, force: true });
    return code;
  };
  return { proc, state, stateDir, log: () => log, stop };
}

// ---------------------------------------------------------------- the learners -------------

/** The id of the submit server action, from the build's server-reference manifest. */
export function submitActionId(distDir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, distDir, "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  for (const [id, a] of Object.entries(manifest.node)) {
    if (a.exportedName === "submitProblemAction" && a.filename?.includes("submit-problem-action")) return id;
  }
  // Older manifests lack the names: the client chunk that references the action names it.
  const chunks = path.join(ROOT, distDir, "static/chunks");
  const stack = [chunks];
  while (stack.length) {
    const dir = stack.pop()!;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const f = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(f);
      else if (e.name.endsWith(".js")) {
        const m = /"([0-9a-f]{40,})"[^"]{0,200}"submitProblemAction"/.exec(readFileSync(f, "utf8"));
        if (m) return m[1];
      }
    }
  }
  throw new Error(`submitProblemAction not found in ${distDir}'s manifests`);
}

export type Kind = "signin" | "page" | "state" | "submit";
export type Acked = { userId: number; usageKey: string; attempt: number };
export type LoadStats = {
  startedAt: number;
  endedAt: number;
  latencies: Record<Kind, number[]>;
  requests: Record<Kind, number>;
  failures: Record<Kind, number>;
  /** failure label → count (e.g. "page HTTP 502", "submit unavailable: …"). */
  failureKinds: Map<string, number>;
  /** per second since start: [requests, failures]. */
  perSecond: [number, number][];
  /** seconds (since start) at which each failed request was sent, for fault timelines. */
  failureTimes: number[];
  acked: Acked[];
  /** per problem (usage key): submit latencies, for the breakdown under the report. */
  perProblem: Map<string, number[]>;
  /** the unit pages' x-atrium-page-cache answers (hit, miss, bypass:…), counted. */
  pageCache: Map<string, number>;
  graded: number;
  signedIn: number;
  signInSeconds: number;
};

/** fetch + reading the body, aborted after `ms` whatever happens (a timer of our own, not only the signal's). */
async function fetchText(url: string, init: RequestInit, ms: number): Promise<{ res: Response; body: string }> {
  const ac = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ac.abort();
      reject(Object.assign(new Error(`no answer within ${ms} ms`), { name: "TimeoutError" }));
    }, ms);
  });
  try {
    return await Promise.race([
      (async () => {
        const res = await fetch(url, { ...init, signal: ac.signal });
        return { res, body: await res.text() };
      })(),
      limit,
    ]);
  } finally {
    clearTimeout(timer);
  }
}


/** The action's result out of an RSC (text/x-component) answer: the row holding {ok: …}. */
export function parseActionResult(body: string): { ok: boolean; code?: string; message?: string; data?: { attempts?: number } } | null {
  for (const line of body.split("\n")) {
    const m = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!m) continue;
    try {
      const v = JSON.parse(m[1]) as { ok?: unknown };
      if (typeof v.ok === "boolean") return v as { ok: boolean };
    } catch {
      /* not JSON */
    }
  }
  return null;
}

export async function runLoad(o: {
  base: string;
  setup: LoadSetup;
  learners?: number;
  durationS: number;
  actionId: string;
  requestTimeoutMs?: number;
  signInConcurrency?: number;
  onSecond?: (second: number, stats: LoadStats) => void;
}): Promise<LoadStats> {
  const learners = o.setup.learners.slice(0, o.learners ?? o.setup.learners.length);
  const timeout = o.requestTimeoutMs ?? 30_000;
  const stats: LoadStats = {
    startedAt: Date.now(),
    endedAt: 0,
    latencies: { signin: [], page: [], state: [], submit: [] },
    requests: { signin: 0, page: 0, state: 0, submit: 0 },
    failures: { signin: 0, page: 0, state: 0, submit: 0 },
    failureKinds: new Map(),
    perSecond: [],
    failureTimes: [],
    acked: [],
    perProblem: new Map(),
    pageCache: new Map(),
    graded: 0,
    signedIn: 0,
    signInSeconds: 0,
  };
  const second = () => Math.max(0, Math.floor((Date.now() - stats.startedAt) / 1000));
  const bucket = (s: number) => {
    while (stats.perSecond.length <= s) stats.perSecond.push([0, 0]);
    return stats.perSecond[s];
  };
  const record = (kind: Kind, ms: number, failure: string | null, startedAt = Date.now() - ms) => {
    const s = second();
    stats.requests[kind]++;
    stats.latencies[kind].push(ms);
    bucket(s)[0]++;
    if (failure) {
      stats.failures[kind]++;
      bucket(s)[1]++;
      // When the failed request was SENT: "service is back" means requests sent after a moment succeed.
      if (kind !== "signin") stats.failureTimes.push((startedAt - stats.startedAt) / 1000);
      const label = `${kind} ${failure}`;
      stats.failureKinds.set(label, (stats.failureKinds.get(label) ?? 0) + 1);
    }
  };
  const timed = async <T>(kind: Kind, fn: () => Promise<{ result: T; failure: string | null }>): Promise<T | null> => {
    const t0 = performance.now();
    try {
      const { result, failure } = await fn();
      record(kind, performance.now() - t0, failure);
      return failure ? null : result;
    } catch (err) {
      const e = err as { name?: string; cause?: { code?: string }; message?: string };
      record(kind, performance.now() - t0, e.name === "TimeoutError" ? "timeout" : `network ${e.cause?.code ?? e.message ?? "error"}`);
      return null;
    }
  };

  const signIn = async (username: string): Promise<string | null> =>
    timed("signin", async () => {
      const jar = new Map<string, string>();
      const r1 = await fetchText(`${o.base}/api/auth/csrf`, {}, timeout);
      if (r1.res.status !== 200) return { result: "", failure: `csrf HTTP ${r1.res.status}` };
      cookiesOf(r1.res, jar);
      const { csrfToken } = JSON.parse(r1.body) as { csrfToken: string };
      const r2 = await fetchText(
        `${o.base}/api/auth/callback/credentials`,
        {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader(jar) },
          body: new URLSearchParams({ csrfToken, login: username, password: o.setup.password, json: "true" }),
        },
        timeout,
      );
      cookiesOf(r2.res, jar);
      const ok = [...jar.keys()].some((k) => k.includes("session-token"));
      return { result: cookieHeader(jar), failure: ok ? null : `HTTP ${r2.res.status} (no session)` };
    });

  // Phase 1, before the clock starts: every learner signs in (bcrypt is the costly part), a few
  // at a time, as a class arriving; retried up to 3 times each.
  const cookies = new Map<number, string>();
  const signInStarted = Date.now();
  const queue = [...learners];
  await Promise.all(
    Array.from({ length: Math.min(o.signInConcurrency ?? 8, queue.length) }, async () => {
      for (let u = queue.shift(); u; u = queue.shift()) {
        for (let attempt = 0; attempt < 3 && !cookies.has(u.id); attempt++) {
          const c = await signIn(u.username);
          if (c) cookies.set(u.id, c);
        }
      }
    }),
  );
  stats.signedIn = cookies.size;
  stats.signInSeconds = (Date.now() - signInStarted) / 1000;

  // Phase 2, timed: open a unit, submit answers to its problem, again, until the deadline.
  stats.startedAt = Date.now();
  stats.perSecond = [];
  const deadline = stats.startedAt + o.durationS * 1000;
  const learner = async (index: number, user: { id: number; username: string }) => {
    const cookie = cookies.get(user.id);
    if (!cookie) return;
    for (let iter = 0; Date.now() < deadline; iter++) {
      const problem = o.setup.problems[(index + iter) % o.setup.problems.length];
      const pageUrl = `${o.base}${problem.unitPath}`;
      const shown = await timed("page", async () => {
        const { res, body } = await fetchText(pageUrl, { headers: { Cookie: cookie }, redirect: "manual" }, timeout);
        const cacheStatus = res.headers.get("x-atrium-page-cache") ?? "none";
        stats.pageCache.set(cacheStatus, (stats.pageCache.get(cacheStatus) ?? 0) + 1);
        if (res.status !== 200) return { result: null, failure: `HTTP ${res.status}${res.status === 503 && /unavailable/i.test(body) ? " (with message)" : ""}` };
        return { result: true, failure: null };
      });
      // As the page's islands do in a browser: the learner's own part of the unit (answers,
      // attempts, marks) from the state route.
      if (shown)
        await timed("state", async () => {
          const { res, body } = await fetchText(`${o.base}/api/lms/courses/${encodeURIComponent(o.setup.courseKey)}/state?unit=${encodeURIComponent(problem.unitKey)}`, { headers: { Cookie: cookie } }, timeout);
          if (res.status !== 200) return { result: null, failure: `HTTP ${res.status}${res.status === 503 && /unavailable/i.test(body) ? " (with message)" : ""}` };
          return { result: null, failure: null };
        });
      if (Date.now() >= deadline) break;
      const t0 = performance.now();
      await timed("submit", async () => {
        const { res, body } = await fetchText(
          pageUrl,
          {
            method: "POST",
            headers: {
              Cookie: cookie,
              "Next-Action": o.actionId,
              Accept: "text/x-component",
              "Content-Type": "text/plain;charset=UTF-8",
              Origin: o.base,
            },
            body: JSON.stringify([{ courseId: o.setup.courseId, usageKey: problem.usageKey, answers: problem.answers }]),
          },
          timeout,
        );
        if (res.status !== 200) return { result: null, failure: `HTTP ${res.status}${res.status === 503 && /unavailable/i.test(body) ? " (with message)" : ""}` };
        const r = parseActionResult(body);
        if (!r) return { result: null, failure: "unparsable answer" };
        if (!r.ok) return { result: null, failure: `${r.code}: ${r.message ?? ""}` };
        const attempt = r.data?.attempts;
        if (typeof attempt !== "number") return { result: null, failure: "no attempt number" };
        stats.acked.push({ userId: user.id, usageKey: problem.usageKey, attempt });
        stats.graded++;
        return { result: null, failure: null };
      });
      const mine = stats.perProblem.get(problem.usageKey) ?? [];
      mine.push(performance.now() - t0);
      stats.perProblem.set(problem.usageKey, mine);
    }
  };

  let lastReported = -1;
  const ticker = setInterval(() => {
    const s = second();
    if (s !== lastReported && o.onSecond) {
      lastReported = s;
      o.onSecond(s, stats);
    }
  }, 200);
  try {
    await Promise.all(learners.map((u, i) => learner(i, u)));
  } finally {
    clearInterval(ticker);
  }
  stats.endedAt = Date.now();
  return stats;
}

// ---------------------------------------------------------------- checking and reporting -----

/** Acknowledged submissions that are not rows in MySQL (must be none). */
export async function missingAcked(dbUrl: string, acked: Acked[]): Promise<Acked[]> {
  const conn = await mysql.createConnection({ uri: dbUrl });
  try {
    const [rows] = await conn.query<mysql.RowDataPacket[]>("SELECT user_id, usage_key, attempt FROM submissions WHERE kind = 'submit'");
    const have = new Set(rows.map((r) => `${r.user_id}|${r.usage_key}|${r.attempt}`));
    return acked.filter((a) => !have.has(`${a.userId}|${a.usageKey}|${a.attempt}`));
  } finally {
    await conn.end();
  }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function report(stats: LoadStats): string {
  const secs = (stats.endedAt - stats.startedAt) / 1000;
  const total = stats.requests.page + stats.requests.state + stats.requests.submit;
  const failed = stats.failures.page + stats.failures.state + stats.failures.submit;
  const all = [...stats.latencies.page, ...stats.latencies.state, ...stats.latencies.submit];
  const row = (name: string, n: number, f: number, lat: number[], over = secs) =>
    `${name.padEnd(16)} ${String(n).padStart(8)} ${(n / over).toFixed(1).padStart(8)} ${percentile(lat, 50).toFixed(0).padStart(8)} ${percentile(lat, 99).toFixed(0).padStart(8)} ${String(f).padStart(7)}`;
  const lines = [
    `${"requests".padEnd(16)} ${"count".padStart(8)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"failed".padStart(7)}`,
    row("sign-in", stats.requests.signin, stats.failures.signin, stats.latencies.signin, Math.max(stats.signInSeconds, 0.001)),
    row("unit page", stats.requests.page, stats.failures.page, stats.latencies.page),
    row("state JSON", stats.requests.state, stats.failures.state, stats.latencies.state),
    row("submit (action)", stats.requests.submit, stats.failures.submit, stats.latencies.submit),
    row("all but sign-in", total, failed, all),
    "",
    `learners signed in: ${stats.signedIn} in ${stats.signInSeconds.toFixed(1)} s (before the clock); timed window ${secs.toFixed(1)} s`,
    `graded submissions: ${stats.graded} (${(stats.graded / secs).toFixed(1)}/s)`,
    `failed requests in the window: ${failed} of ${total} (${total ? ((100 * failed) / total).toFixed(2) : "0"} %); failed sign-ins ${stats.failures.signin}`,
  ];
  for (const [k, v] of [...stats.failureKinds].sort((a, b) => b[1] - a[1]).slice(0, 8)) lines.push(`  ${String(v).padStart(6)} × ${k.slice(0, 140)}`);
  if (stats.pageCache.size) lines.push(`unit pages by page-cache answer: ${[...stats.pageCache].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  if (stats.perProblem.size) {
    // Which problems the submissions' time went to: the costliest first, by total latency.
    const rows = [...stats.perProblem].map(([key, lat]) => ({ key, n: lat.length, total: lat.reduce((a, b) => a + b, 0), lat }));
    const all = rows.reduce((a, r) => a + r.total, 0) || 1;
    lines.push("", `submit latency by problem (${rows.length} problems; the costliest 8 by summed latency):`);
    for (const r of rows.sort((a, b) => b.total - a.total).slice(0, 8))
      lines.push(`  ${r.key.replace(/^block-v1:[^+]+\+[^+]+\+[^+]+\+type@/, "").slice(0, 60).padEnd(60)} ${String(r.n).padStart(6)} × p50 ${percentile(r.lat, 50).toFixed(0).padStart(5)} ms, ${((100 * r.total) / all).toFixed(0).padStart(3)} % of submit time`);
  }
  return lines.join("\n");
}

/** CPU ms used so far by each part of the run: the instances (with their sandboxes), nginx, MariaDB, this load generator, and the whole machine. */
export function cpuSnapshot(state: ClusterState): Record<string, number> {
  const snap: Record<string, number> = {};
  for (const i of state.instances) snap[`instance ${i.port}`] = treeCpuMs(i.pid);
  snap.nginx = treeCpuMs(state.nginx.pid);
  const db = databasePid();
  if (db) snap.MariaDB = treeCpuMs(db);
  const self = process.cpuUsage();
  snap["load generator"] = (self.user + self.system) / 1000;
  // /proc/stat's first line: user nice system idle iowait irq softirq steal (USER_HZ ticks)
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  snap.machine = (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) * 10;
  return snap;
}

/**
 * Statements MariaDB has answered so far (its global `Questions` counter: every client of the
 * server counts, so run the bench on an otherwise idle database server).
 */
export async function statementCount(serverUrl: string): Promise<number> {
  const conn = await mysql.createConnection({ uri: serverUrl });
  try {
    const [rows] = await conn.query<mysql.RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Questions'");
    return Number(rows[0]?.Value ?? NaN);
  } finally {
    await conn.end();
  }
}

/** Where the window's CPU went, per part: seconds of CPU, cores busy on average, ms per graded submission. */
export function cpuReport(before: Record<string, number>, after: Record<string, number>, seconds: number, graded: number): string {
  const lines = [`CPU in the window (${os.cpus().length} cores): ${"part".padEnd(16)} ${"cores".padStart(6)} ${"ms/graded".padStart(10)}`];
  for (const k of Object.keys(after)) {
    if (!(k in before)) continue;
    const ms = after[k] - before[k];
    lines.push(`${"".padEnd(29)}${k.padEnd(16)} ${(ms / 1000 / seconds).toFixed(2).padStart(6)} ${(graded ? ms / graded : NaN).toFixed(1).padStart(10)}`);
  }
  return lines.join("\n");
}

export function machineLine(): string {
  return `machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} (the load generator, nginx, the instances and MariaDB share these cores)`;
}

export async function run(args: string[]): Promise<void> {
  const learners = Number(opt(args, "--learners") ?? 200);
  const duration = Number(opt(args, "--duration") ?? 60);
  const timeoutMs = Number(opt(args, "--timeout") ?? 30) * 1000;
  const instances = Number(opt(args, "--instances") ?? 2);
  const port = Number(opt(args, "--port") ?? 3320);
  const firstPort = Number(opt(args, "--first-port") ?? port + 10);
  const distDir = opt(args, "--dist") ?? process.env.NEXT_DIST_DIR ?? ".next";
  if (!(learners >= 1 && learners <= 2000 && duration >= 1 && duration <= 600)) throw new Error("--learners 1..2000, --duration 1..600");
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? "mysql://root@127.0.0.1:3306";
  const name = `atrium_bench_load_${randomBytes(3).toString("hex")}`;
  console.log(`setup: database ${name} with ${learners} learners…`);
  const db = await prepareDatabase(serverUrl, name, learners);
  let cluster: RunningCluster | null = null;
  const interrupted = async () => {
    console.log("interrupted: stopping the cluster and dropping the database…");
    await cluster?.stop();
    await db.drop();
    process.exit(130);
  };
  process.once("SIGINT", () => void interrupted());
  process.once("SIGTERM", () => void interrupted());
  try {
    cluster = await startCluster({ env: db.env, instances, port, firstPort, distDir });
    const base = `http://127.0.0.1:${port}`;
    console.log(`cluster: nginx ${base} → ${cluster.state.instances.map((i) => `${i.port} (pid ${i.pid})`).join(", ")}`);
    const actionId = submitActionId(distDir);
    console.log(`${learners} learners for ${duration} s (sign in, open units, submit answers through the server action)…`);
    console.log("signing the learners in (before the clock starts)…");
    let cpu0: Record<string, number> = {};
    let statements0: Promise<number> | null = null;
    const stats = await runLoad({
      base,
      setup: db.setup,
      durationS: duration,
      actionId,
      requestTimeoutMs: timeoutMs,
      onSecond: (s, st) => {
        if (s === 0 && !Object.keys(cpu0).length) {
          cpu0 = cpuSnapshot(cluster!.state);
          statements0 = statementCount(serverUrl);
        }
        if (s > 0 && s % 10 === 0) console.log(`  ${s} s: ${st.graded} graded, ${st.failures.page + st.failures.state + st.failures.submit} failed`);
      },
    });
    const cpu1 = cpuSnapshot(cluster.state);
    const statements = (await statementCount(serverUrl)) - ((await statements0) ?? NaN);
    const lost = await missingAcked(db.dbUrl, stats.acked);
    console.log(`\n${report(stats)}`);
    console.log(cpuReport(cpu0, cpu1, (stats.endedAt - stats.startedAt) / 1000, stats.graded));
    // one graded submission is one turn of a learner's loop: a unit page, its state, the submit
    console.log(`MariaDB statements in the window: ${statements} (${(statements / stats.graded).toFixed(1)} per graded submission, with its page and state reads)`);
    console.log(`acknowledged submissions: ${stats.acked.length}; missing in MySQL: ${lost.length}`);
    console.log(`target: ≥ 300 graded submissions/s through nginx, 0 lost → measured ${(stats.graded / ((stats.endedAt - stats.startedAt) / 1000)).toFixed(1)}/s, ${lost.length} lost`);
    console.log(machineLine());
    if (lost.length) process.exitCode = 1;
  } finally {
    const code = await cluster?.stop();
    if (cluster && code !== 0) console.log(`cluster exit code ${code}:\n${cluster.log().slice(-1500)}`);
    await db.drop();
  }
}
