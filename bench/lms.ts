// npm run bench -- lms [--duration S] [--connections N] [--learners N] [--port P] [--dist DIR] [--node-options O (default: scripts/lib/instance.json)] [--cluster N] [--url BASE --cookie C]
// --cluster N: afterwards, the unit and course home again through nginx in front of N instances (npm run cluster).
// Starts a built server (building into --dist if it has no build) on a throwaway database with the
// Open edX demo course imported and --learners (32) distinct learners enrolled and signed in, then
// measures, in one run with autocannon: a static page (/help, prerendered), the first unit and the
// course home of the demo course, and the two JSON reads a course home view adds (the learner's
// state, /api/me), each request carrying the next learner's cookie. Prints req/s, p50/p99, the unit ÷ static ratio, and the server's resident
// memory idle and at peak. With --url (and --cookie, the session cookie header) it measures an
// already running server instead and skips setup.
import INSTANCE from "@/scripts/lib/instance.json";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";
import { OPENEDX_DEMO_DIR } from "@/scripts/lib/shared-fixtures";
import { opt, signIn } from "./lib/http";
import { sh, treeCpuMs, treeRssMb, waitFor } from "./lib/process";

const DEMO = OPENEDX_DEMO_DIR;
const DEMO_KEY = "course-v1:OpenedX+DemoX+DemoCourse";

type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};
type Autocannon = (o: { url: string; connections: number; duration: number; headers: Record<string, string>; requests?: unknown[] }) => Promise<AutocannonResult>;

type Result = { reqs: number; p50: number; p99: number; non2xx: number; errors: number; cpuMs: number };

let serverPid: number | undefined;

/** With several cookies, each request carries the next one in turn (distinct learners at once). */
async function measure(url: string, headers: Record<string, string>, connections: number, duration: number, cookies: string[] = []): Promise<Result> {
  // autocannon ships no types; the name is not a literal so TypeScript does not look for them.
  const name = "autocannon";
  const autocannon = ((await import(name)) as { default: Autocannon }).default;
  let n = 0;
  const requests = cookies.length
    ? [{ setupRequest: (req: { headers?: Record<string, string> }) => ({ ...req, headers: { ...req.headers, ...headers, Cookie: cookies[n++ % cookies.length] } }) }]
    : undefined;
  const cpu0 = serverPid ? treeCpuMs(serverPid) : NaN;
  const r = await autocannon({ url, connections, duration, headers, requests });
  // Server CPU per answered request: on a shared, noisy machine this compares pages better than req/s.
  const cpuMs = serverPid && r.requests.total ? (treeCpuMs(serverPid) - cpu0) / r.requests.total : NaN;
  return { reqs: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts, cpuMs };
}

export async function run(args: string[]): Promise<void> {
  const duration = Number(opt(args, "--duration") ?? 10);
  const connections = Number(opt(args, "--connections") ?? 32);
  const port = Number(opt(args, "--port") ?? 3290);
  // Its own build folder and port: never .next / :3000, which `bash scripts/setup.sh` serves.
  const dist = opt(args, "--dist") ?? ".next-bench-lms";
  if (path.normalize(dist).replace(/\/$/, "") === ".next") throw new Error("--dist must not be .next (the folder the app from scripts/setup.sh serves)");
  let base = opt(args, "--url");
  let cookie = opt(args, "--cookie") ?? "";
  let server: ChildProcess | null = null;
  let serverEnv: NodeJS.ProcessEnv | null = null;
  let cluster: { stop: () => Promise<number | null> } | null = null;
  const clusterSize = Number(opt(args, "--cluster") ?? 0);
  let cleanup = async () => {};
  const learners = Number(opt(args, "--learners") ?? 32);
  const learnerCookies: string[] = [];
  let problemPath: string | null = null;

  try {
    if (!base) {
      const name = `atrium_bench_lms_${randomBytes(3).toString("hex")}`;
      const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? "mysql://root@127.0.0.1:3306";
      const dbUrl = `${serverUrl}/${name}`;
      const contentDir = await mkdtemp(path.join(tmpdir(), "atrium-bench-lms-"));
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: dbUrl,
        NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
        NEXTAUTH_URL: `http://127.0.0.1:${port}`,
        CONTENT_DIR: contentDir,
        NEXT_DIST_DIR: dist,
        NEXT_TELEMETRY_DISABLED: "1",
      };
      cleanup = async () => {
        const { dropDatabase } = await import("@/lib/db/migrate");
        await dropDatabase(dbUrl).catch(() => undefined);
        await rm(contentDir, { recursive: true, force: true });
      };
      console.log(`setup: database ${name}, content ${contentDir}`);
      const { migrateDatabase } = await import("@/lib/db/migrate");
      await migrateDatabase(dbUrl);
      const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");
      await sh(tsx, ["--conditions=react-server", "scripts/db-seed.ts"], env);
      await sh(tsx, ["--conditions=react-server", "scripts/olx.ts", "import", DEMO, "--owner", "author"], env);
      const conn = await mysql.createConnection({ uri: dbUrl });
      await conn.query(
        "INSERT IGNORE INTO enrollments (user_id, course_id) SELECT u.id, c.id FROM users u, courses c WHERE u.username = 'learner' AND c.course_key = ?",
        [DEMO_KEY],
      );
      // LEARNERS distinct learners, enrolled, each with a server-side session and its own cookie
      // (minted with next-auth's encoder and this run's secret, as a sign-in would).
      const { encode } = await import("next-auth/jwt");
      for (let i = 0; i < learners; i++) {
        const u = `benchlearner${i}`;
        await conn.query(
          `INSERT INTO users (email, email_normalized, username, username_normalized, full_name, password_hash)
           SELECT ?, ?, ?, ?, ?, password_hash FROM users WHERE username = 'learner'`,
          [`${u}@example.com`, `${u}@example.com`, u, u, `Bench Learner ${i}`],
        );
        const [rows] = await conn.query("SELECT id, session_version AS sv FROM users WHERE username = ?", [u]);
        const { id, sv } = (rows as { id: number; sv: number }[])[0];
        await conn.query("INSERT INTO enrollments (user_id, course_id) SELECT ?, id FROM courses WHERE course_key = ?", [id, DEMO_KEY]);
        const sid = randomBytes(24).toString("base64url");
        await conn.query("INSERT INTO user_sessions (user_id, sid, expires_at) VALUES (?, ?, DATE_ADD(NOW(), INTERVAL 1 DAY))", [id, sid]);
        const token = await encode({ token: { sub: String(id), uid: id, sv, sid }, secret: env.NEXTAUTH_SECRET!, maxAge: 86400 });
        learnerCookies.push(`next-auth.session-token=${token}`);
      }
      // The first unit with a problem (the page cache prints its status: shared unless the unit
      // holds a personalized block such as a library's picks).
      const [pu] = await conn.query(
        `SELECT s.url_name AS sub, v.url_name AS unit FROM courses c
           JOIN course_blocks p ON p.version_id = c.published_version_id AND p.block_type = 'problem'
           JOIN course_blocks v ON v.version_id = p.version_id AND v.usage_key = p.parent_usage_key AND v.block_type = 'vertical'
           JOIN course_blocks s ON s.version_id = v.version_id AND s.usage_key = v.parent_usage_key AND s.block_type = 'sequential'
         WHERE c.course_key = ? ORDER BY p.id LIMIT 1`,
        [DEMO_KEY],
      );
      const found = (pu as { sub: string; unit: string }[])[0];
      if (found) problemPath = `/courses/${encodeURIComponent(DEMO_KEY)}/learn/${encodeURIComponent(found.sub)}/${encodeURIComponent(found.unit)}`;
      await conn.end();
      if (!existsSync(path.join(dist, "BUILD_ID"))) {
        console.log(`building into ${dist} (no build there yet)…`);
        await sh(path.join(process.cwd(), "node_modules/.bin/next"), ["build"], env, false);
      }
      server = spawn(process.execPath, [path.join(process.cwd(), "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port), "--keepAliveTimeout", String(INSTANCE.keepAliveTimeoutMs)], {
        cwd: process.cwd(),
        // The instance settings an operator runs with (scripts/lib/instance.json); --node-options "" for Node's defaults.
        env: { ...env, NODE_ENV: "production", NODE_OPTIONS: opt(args, "--node-options") ?? INSTANCE.nodeOptions },
        stdio: ["ignore", "ignore", "inherit"],
      });
      serverEnv = env;
      base = `http://127.0.0.1:${port}`;
      await waitFor(`${base}/api/health`, 60_000);
      cookie = await signIn(base, "learner", "learner-pass-1");
    }

    const learn = await fetch(`${base}/courses/${encodeURIComponent(DEMO_KEY)}/learn`, { redirect: "manual", headers: { Cookie: cookie } });
    const unitPath = learn.headers.get("location");
    if (!unitPath || !unitPath.includes("/learn/")) throw new Error(`could not resolve the first unit (${learn.status} → ${unitPath}); is the learner enrolled?`);
    const unitUrl = new URL(unitPath, base).href;
    const staticUrl = `${base}/help`;
    for (const [u, h] of [[unitUrl, { Cookie: cookie }], [staticUrl, {}]] as const) {
      const r = await fetch(u, { headers: h, redirect: "manual" });
      if (r.status !== 200) throw new Error(`${u} answered ${r.status}`);
    }
    const homeUrl = `${base}/courses/${encodeURIComponent(DEMO_KEY)}`;
    const stateUrl = `${base}/api/lms/courses/${encodeURIComponent(DEMO_KEY)}/state?home=1`;
    const jar = learnerCookies.length ? learnerCookies : [cookie];
    for (const u of [stateUrl, `${base}/api/me`]) {
      const r = await fetch(u, { headers: { Cookie: jar[0] } });
      const text = await r.text();
      if (r.status !== 200 || !/"(home|user)":\{/.test(text)) throw new Error(`${u} answered ${r.status}: ${text.slice(0, 200)}`);
    }
    for (const c of jar) {
      const r = await fetch(unitUrl, { headers: { Cookie: c }, redirect: "manual" });
      if (r.status !== 200) throw new Error(`a bench learner got ${r.status} for the unit page`);
    }
    const cacheStatus = async (u: string) => (await fetch(u, { headers: { Cookie: jar[0] }, redirect: "manual" })).headers.get("x-atrium-page-cache") ?? "none";
    const problemUrl = problemPath ? new URL(problemPath, base).href : null;
    const pid = server?.pid;
    serverPid = pid;
    // Warm up (JIT, version cache, pools) before measuring.
    await measure(unitUrl, {}, 8, 3, jar);
    await measure(homeUrl, {}, 8, 2, jar);
    await measure(staticUrl, {}, 8, 2);
    // The first problem unit loads the problem engine (a few seconds once per process).
    if (problemUrl) await measure(problemUrl, {}, 8, 3, jar);
    // Idle means no requests for a while: V8's memory reducer returns the warm-up's garbage to the
    // system some 10–20 s after the requests stop (measured: 209 MB right after the warm-up, 171 MB
    // 20 s later). Poll until it has fallen and held for 5 s, at most 45 s.
    await new Promise((r) => setTimeout(r, 1500));
    const afterWarmUp = pid ? treeRssMb(pid) : NaN;
    let idle = afterWarmUp;
    let idleAfterS = 1.5;
    if (pid) {
      let steadySince = -1;
      for (let s = 2; s <= 45; s++) {
        await new Promise((r) => setTimeout(r, 1000));
        const now = treeRssMb(pid);
        if (now < idle - 1) {
          idle = now;
          steadySince = s;
        }
        idleAfterS = s;
        if (steadySince > 0 && s - steadySince >= 5) break;
      }
    }
    // The idle wait lets V8 shrink the heap and flush code not run lately: warm up again briefly,
    // so that the first page measured (the static baseline) does not pay for it alone.
    await measure(staticUrl, {}, 8, 2);
    await measure(unitUrl, {}, 8, 2, jar);
    await measure(homeUrl, {}, 8, 2, jar);
    let peak = idle;
    const sampler = pid ? setInterval(() => (peak = Math.max(peak, treeRssMb(pid))), 100) : null;
    console.log(`measuring ${duration}s each at ${connections} connections, ${jar.length} distinct learners…`);
    const st = await measure(staticUrl, {}, connections, duration);
    const unit = await measure(unitUrl, {}, connections, duration, jar);
    const home = await measure(homeUrl, {}, connections, duration, jar);
    const problem = problemUrl ? await measure(problemUrl, {}, connections, duration, jar) : null;
    // The per-reader half of a course home view: the learner's state (React Query) and who is
    // signed in (the header's island on a shared page), both JSON reads answered by proxy.ts.
    const state = await measure(stateUrl, {}, connections, duration, jar);
    const me = await measure(`${base}/api/me`, {}, connections, duration, jar);
    if (sampler) clearInterval(sampler);
    // The framework's own floor: the smallest dynamic page (sign-in form, same layout and header).
    const floor = await measure(`${base}/login`, {}, connections, Math.max(3, Math.round(duration / 2)));
    const row = (name: string, r: Result) =>
      `${name.padEnd(34)} ${r.reqs.toFixed(0).padStart(8)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.non2xx + r.errors).padStart(8)} ${(Number.isFinite(r.cpuMs) ? r.cpuMs.toFixed(1) : "—").padStart(10)}`;
    console.log(`\n${"page".padEnd(34)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"bad".padStart(8)} ${"CPU ms/req".padStart(10)}`);
    console.log(row("static /help", st));
    console.log(row(`unit ${new URL(unitUrl).pathname.slice(0, 28)}…`, unit));
    console.log(row("course home", home));
    if (problem) console.log(row("unit with a problem", problem));
    console.log(row("learner state JSON (?home=1)", state));
    console.log(row("/api/me JSON", me));
    console.log(row("dynamic floor /login (anonymous)", floor));
    console.log(`\nunit ÷ static req/s: ${(unit.reqs / st.reqs).toFixed(2)}; course home ÷ static: ${(home.reqs / st.reqs).toFixed(2)} (target ≥ 0.6); p99 unit ${unit.p99} ms, home ${home.p99} ms (target ≤ 100 ms)`);
    console.log(`page cache (x-atrium-page-cache of one more request): unit ${await cacheStatus(unitUrl)}, home ${await cacheStatus(homeUrl)}${problemUrl ? `, problem unit ${await cacheStatus(problemUrl)}` : ""}`);
    console.log(`unit ÷ dynamic floor req/s: ${(unit.reqs / floor.reqs).toFixed(2)} (how much the unit page costs over an empty dynamic page)`);
    console.log(`server Node options: ${opt(args, "--node-options") ?? INSTANCE.nodeOptions}`);
    if (pid) console.log(`server RSS: idle ${idle.toFixed(0)} MB (${idleAfterS} s without requests; ${afterWarmUp.toFixed(0)} MB right after the warm-up), peak ${peak.toFixed(0)} MB (targets: idle ≤ 200 MB, under load ≤ 350 MB)`);
    else console.log("server RSS: not measured (--url given: the server is not ours)");
    if (clusterSize > 1 && serverEnv && server) {
      // The same pages through nginx in front of N instances of the same build (npm run cluster),
      // measured after the single instance has stopped, with the same learners.
      server.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 1500));
      server = null;
      serverPid = undefined;
      const { startCluster } = await import("./load");
      const c = await startCluster({ env: serverEnv, instances: clusterSize, port: port + 1, firstPort: port + 20, distDir: dist });
      cluster = c;
      const via = (u: string) => new URL(new URL(u).pathname, `http://127.0.0.1:${port + 1}`).href;
      await measure(via(unitUrl), {}, 8, 3, jar);
      await measure(via(homeUrl), {}, 8, 2, jar);
      const cu = await measure(via(unitUrl), {}, connections, duration, jar);
      const ch = await measure(via(homeUrl), {}, connections, duration, jar);
      console.log(`\n${clusterSize} instances behind nginx (${c.state.instances.map((i) => i.port).join(", ")}):`);
      console.log(row(`unit via nginx`, cu));
      console.log(row(`course home via nginx`, ch));
      console.log(`${clusterSize} instances ÷ one instance req/s: unit ${(cu.reqs / unit.reqs).toFixed(2)}, course home ${(ch.reqs / home.reqs).toFixed(2)} (target ≥ 1.5; nginx and autocannon share the same cores)`);
    }
    console.log(`machine: ${(await import("node:os")).cpus().length} cores, load ${(await import("node:os")).loadavg().map((x) => x.toFixed(1)).join(" ")}; autocannon shares the cores with the server.`);
  } finally {
    await cluster?.stop();
    if (server) {
      server.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
    }
    await cleanup();
    const { closeDb } = await import("@/lib/db");
    await closeDb().catch(() => undefined);
  }
}
