// npm run bench -- forum [--duration S] [--connections N] [--learners N] [--threads N] [--posts N] [--port P] [--dist DIR] [--only a,b] [--compare DIR | --compare-node-options "…"] [--rounds R] [--node-options "…"] [--seed-only] [--keep] [--no-paced]
// --seed-only: seed and time the search SQL, start no server; --keep: leave the database (its name is printed) for EXPLAIN;
// --only health,overview,list,deep,thread,search: just those rows beside the static baseline (to profile one route);
// --compare DIR: a second build (another change) served beside the first on the next port, every row
// measured on both in R rounds of turns (A B, B A, …: the machine's noise falls on both alike);
// --compare-node-options "…": the same build beside itself, the second server with these Node options.
// The course forum at size: a throwaway database (atrium_bench_forum_*, dropped at the end) with
// Atrium 101 imported, --learners (32) distinct learners enrolled and signed in, and --threads
// (10,000) threads with --posts (100,000) responses and comments in that one course, written with
// bulk INSERTs; one thread holds 200 posts. Then, in one run on one instance, with autocannon and
// each request carrying the next learner's cookie: the static /help page, the thread list (first
// page and a deep page by cursor), the 200-post thread (its first page: 25 of its 150 responses with
// their comments; the sanity check first follows its cursors to all 200 posts), a search, and the
// Discussion tab's topic overview (thread and unread counts per topic), beside /api/health (the
// floor of any JSON route: proxy, route handler, `SELECT 1`). Prints req/s, p50/p95/p99, each ÷
// static (target ≥ 0.5), p95 (target ≤ 100 ms), the server's and MariaDB's CPU per request, and
// FULLTEXT vs LIKE for the search. Then (unless --compare or --no-paced) each row again, open-loop:
// requests sent evenly at half the static page's rate (the throughput the ratio target asks for)
// and timed from when each was due (bench/lib/paced.ts): its latencies with headroom.
import INSTANCE from "@/scripts/lib/instance.json";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";
import { renderForumMarkdown } from "@/lib/forum/markdown";
import { databasePid, sh, treeCpuMs, treeRssMb, waitFor } from "./lib/process";
import { opt } from "./lib/http";
import { paced } from "./lib/paced";

const COURSE_DIR = "content/atr101";
const COURSE_KEY = "course-v1:Atrium+ATR101+2026";

type Result = { reqs: number; p50: number; p95: number; p99: number; bad: number; cpuMs: number; dbMs: number };
type Instance = PromiseLike<{ requests: { average: number }; non2xx: number; errors: number; timeouts: number }> & { on: (ev: "response", fn: (c: unknown, status: number, bytes: number, ms: number) => void) => void };
type Autocannon = (o: { url: string; connections: number; duration: number; requests?: unknown[] }) => Instance;

const pct = (sorted: number[], p: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]) : NaN);


/** One measurement's raw figures: summed over the rounds of a side-by-side comparison. */
type Raw = { times: number[]; seconds: number; bad: number; cpu: number; db: number };

/**
 * autocannon with each request carrying the next cookie; latencies collected to compute p95
 * exactly; CPU of the server (and its children) and of MariaDB over the run, from /proc.
 */
async function measure(url: string, connections: number, duration: number, cookies: string[] = [], pids: { server?: number; db?: number | null } = {}): Promise<Raw> {
  const name = "autocannon"; // ships no types
  const autocannon = ((await import(name)) as { default: Autocannon }).default;
  let n = 0;
  const requests = cookies.length ? [{ setupRequest: (req: { headers?: Record<string, string> }) => ({ ...req, headers: { ...req.headers, Cookie: cookies[n++ % cookies.length] } }) }] : undefined;
  const times: number[] = [];
  const cpu0 = pids.server ? treeCpuMs(pids.server) : NaN;
  const db0 = pids.db ? treeCpuMs(pids.db) : NaN;
  const started = Date.now();
  const inst = autocannon({ url, connections, duration, requests });
  inst.on("response", (_c, _s, _b, ms) => times.push(ms));
  const r = await inst;
  return { times, seconds: (Date.now() - started) / 1000, bad: r.non2xx + r.errors + r.timeouts, cpu: pids.server ? treeCpuMs(pids.server) - cpu0 : NaN, db: pids.db ? treeCpuMs(pids.db) - db0 : NaN };
}

/** req/s, percentiles and CPU per answered request over one or more measurements of one URL. */
function resultOf(raws: Raw[]): Result {
  const times = raws.flatMap((r) => r.times).sort((a, b) => a - b);
  const sum = (f: (r: Raw) => number) => raws.reduce((a, r) => a + f(r), 0);
  return { reqs: times.length / sum((r) => r.seconds), p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), bad: sum((r) => r.bad), cpuMs: sum((r) => r.cpu) / times.length, dbMs: sum((r) => r.db) / times.length };
}

// A vocabulary for bodies: common words plus rarer "topic" words a search can find.
const COMMON = "the a learning course unit video problem answer question help week grade progress reading notes example because how what when where why".split(" ");
const RARE = Array.from({ length: 400 }, (_, i) => `term${i.toString(36)}x`);
function rnd(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export async function run(args: string[]): Promise<void> {
  const duration = Number(opt(args, "--duration") ?? 10);
  const connections = Number(opt(args, "--connections") ?? 32);
  const port = Number(opt(args, "--port") ?? 3291);
  const learners = Number(opt(args, "--learners") ?? 32);
  const nThreads = Number(opt(args, "--threads") ?? 10_000);
  const nPosts = Number(opt(args, "--posts") ?? 100_000);
  const dist = opt(args, "--dist") ?? ".next-bench-forum";
  if (path.normalize(dist).replace(/\/$/, "") === ".next") throw new Error("--dist must not be .next (the folder the app from scripts/setup.sh serves)");
  const name = `atrium_bench_forum_${randomBytes(3).toString("hex")}`;
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? "mysql://root@127.0.0.1:3306";
  const dbUrl = `${serverUrl}/${name}`;
  const contentDir = await mkdtemp(path.join(tmpdir(), "atrium-bench-forum-"));
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: dbUrl, NEXTAUTH_SECRET: randomBytes(24).toString("hex"), NEXTAUTH_URL: `http://127.0.0.1:${port}`, CONTENT_DIR: contentDir, NEXT_DIST_DIR: dist, NEXT_TELEMETRY_DISABLED: "1" };
  const servers: ChildProcess[] = [];
  const { migrateDatabase, dropDatabase } = await import("@/lib/db/migrate");
  try {
    console.log(`setup: database ${name}`);
    await migrateDatabase(dbUrl);
    const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");
    await sh(tsx, ["--conditions=react-server", "scripts/db-seed.ts"], env);
    await sh(tsx, ["--conditions=react-server", "scripts/olx.ts", "import", COURSE_DIR, "--owner", "author"], env);
    const conn = await mysql.createConnection({ uri: dbUrl, timezone: "Z" });
    const [[course]] = (await conn.query("SELECT id FROM courses WHERE course_key = ?", [COURSE_KEY])) as unknown as [{ id: number }[]];
    const { encode } = await import("next-auth/jwt");
    const cookies: string[] = [];
    const userIds: number[] = [];
    for (let i = 0; i < learners; i++) {
      const u = `benchlearner${i}`;
      const [ins] = (await conn.query(
        `INSERT INTO users (email, email_normalized, username, username_normalized, full_name, password_hash) SELECT ?, ?, ?, ?, ?, password_hash FROM users WHERE username = 'learner'`,
        [`${u}@example.com`, `${u}@example.com`, u, u, `Bench Learner ${i}`],
      )) as unknown as [{ insertId: number }];
      const id = ins.insertId;
      userIds.push(id);
      await conn.query("INSERT INTO enrollments (user_id, course_id) VALUES (?, ?)", [id, course.id]);
      const sid = randomBytes(24).toString("base64url");
      await conn.query("INSERT INTO user_sessions (user_id, sid, expires_at) VALUES (?, ?, DATE_ADD(NOW(), INTERVAL 1 DAY))", [id, sid]);
      cookies.push(`next-auth.session-token=${await encode({ token: { sub: String(id), uid: id, sv: 1, sid }, secret: env.NEXTAUTH_SECRET!, maxAge: 86400 })}`);
    }

    // ---- seed: threads, then posts, in multi-row INSERTs of 2,000
    const t0 = Date.now();
    const r = rnd(42);
    const pick = <T,>(a: readonly T[]) => a[Math.floor(r() * a.length)];
    const text = (words: number) => Array.from({ length: words }, () => (r() < 0.06 ? pick(RARE) : pick(COMMON))).join(" ");
    const topics = ["course", "atr101-study-group", "atr101-introductions", "questions_board"];
    const start = Date.now() - 90 * 86400_000;
    const BATCH = 2000;
    for (let i = 0; i < nThreads; i += BATCH) {
      const rows: unknown[][] = [];
      for (let j = i; j < Math.min(nThreads, i + BATCH); j++) {
        const md = text(40);
        const at = new Date(start + Math.floor((j / nThreads) * 90 * 86400_000));
        rows.push([course.id, pick(topics), r() < 0.4 ? "question" : "discussion", `Thread ${j}: ${text(6)}`, md, `<p>${md}</p>\n`, pick(userIds), Math.floor(r() * 30), at, at]);
      }
      await conn.query("INSERT INTO forum_threads (course_id, topic_id, kind, title, body_md, body_html, author_id, vote_count, last_activity_at, created_at) VALUES ?", [rows]);
    }
    const [[{ first }]] = (await conn.query("SELECT MIN(id) AS first FROM forum_threads WHERE course_id = ?", [course.id])) as unknown as [{ first: number }[]];
    const bigThread = first + nThreads - 1; // the newest thread holds 200 posts
    const body = (words: number) => {
      const md = r() < 0.1 ? `${text(words)} so $x^2 + ${Math.floor(r() * 9)}$ holds` : text(words);
      return [md, renderForumMarkdown(md)] as const;
    };
    let written = 0;
    const postRows: unknown[][] = [];
    const flush = async () => {
      if (!postRows.length) return;
      await conn.query("INSERT INTO forum_posts (thread_id, course_id, parent_id, author_id, body_md, body_html, vote_count, created_at) VALUES ?", [postRows.splice(0)]);
    };
    // 150 responses + 50 comments in the big thread
    for (let k = 0; k < 150; k++) {
      postRows.push([bigThread, course.id, null, pick(userIds), ...body(30), Math.floor(r() * 10), new Date()]);
      written++;
    }
    await flush();
    const [bigResp] = (await conn.query("SELECT id FROM forum_posts WHERE thread_id = ? ORDER BY id LIMIT 50", [bigThread])) as unknown as [{ id: number }[]];
    for (const { id } of bigResp) postRows.push([bigThread, course.id, id, pick(userIds), ...body(12), 0, new Date()]);
    written += bigResp.length;
    await flush();
    // the rest spread over the other threads (responses only: comments need their parent's id)
    while (written < nPosts) {
      const tid = first + Math.floor(r() * (nThreads - 1));
      postRows.push([tid, course.id, null, pick(userIds), ...body(30), Math.floor(r() * 5), new Date(start + r() * 90 * 86400_000)]);
      written++;
      if (postRows.length >= BATCH) await flush();
    }
    await flush();
    await conn.query(
      `UPDATE forum_threads t JOIN (SELECT thread_id, COUNT(*) AS n, MAX(created_at) AS lastAt FROM forum_posts WHERE course_id = ? GROUP BY thread_id) p ON p.thread_id = t.id
       SET t.post_count = p.n, t.post_seq = p.n, t.last_activity_at = GREATEST(t.last_activity_at, p.lastAt)`,
      [course.id],
    );
    await conn.query("ANALYZE TABLE forum_threads, forum_posts");
    console.log(`seeded ${nThreads} threads and ${written} posts in ${((Date.now() - t0) / 1000).toFixed(1)} s (thread ${bigThread} has 200 posts)`);

    // ---- the search word: a rare term, and FULLTEXT vs LIKE for it in SQL
    const word = RARE[7];
    const timeSql = async (q: string, params: unknown[]) => {
      const s = process.hrtime.bigint();
      for (let i = 0; i < 5; i++) await conn.query(q, params);
      return Number(process.hrtime.bigint() - s) / 5e6;
    };
    const ft = await timeSql(
      `SELECT COUNT(*) FROM (SELECT id FROM forum_threads WHERE course_id = ? AND MATCH(title, body_md) AGAINST (? IN BOOLEAN MODE) UNION SELECT thread_id FROM forum_posts WHERE course_id = ? AND MATCH(body_md) AGAINST (? IN BOOLEAN MODE)) x`,
      [course.id, `+${word}*`, course.id, `+${word}*`],
    );
    const like = await timeSql(
      `SELECT COUNT(*) FROM (SELECT id FROM forum_threads WHERE course_id = ? AND (title LIKE ? OR body_md LIKE ?) UNION SELECT thread_id FROM forum_posts WHERE course_id = ? AND body_md LIKE ?) x`,
      [course.id, `%${word}%`, `%${word}%`, course.id, `%${word}%`],
    );
    await conn.end();
    if (args.includes("--seed-only")) {
      console.log(`search in SQL for "${word}": FULLTEXT ${ft.toFixed(1)} ms, LIKE ${like.toFixed(1)} ms`);
      return;
    }

    if (!existsSync(path.join(dist, "BUILD_ID"))) {
      console.log(`building into ${dist} (no build there yet)…`);
      await sh(path.join(process.cwd(), "node_modules/.bin/next"), ["build"], env, false);
    }
    const nodeOptions = opt(args, "--node-options") ?? INSTANCE.nodeOptions;
    const startServer = (distDir: string, p: number, nodeOptions: string): ChildProcess => {
      const child = spawn(process.execPath, [path.join(process.cwd(), "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(p)], {
        cwd: process.cwd(),
        env: { ...env, NEXT_DIST_DIR: distDir, NEXTAUTH_URL: `http://127.0.0.1:${p}`, NODE_ENV: "production", NODE_OPTIONS: nodeOptions },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let serverErr = "";
      child.stderr?.on("data", (d: Buffer) => (serverErr = (serverErr + d.toString()).slice(-4000)));
      child.on("exit", (code) => code && code !== 143 && console.error(`server (${distDir}) exited ${code}:\n${serverErr}`));
      servers.push(child);
      return child;
    };
    const main = startServer(dist, port, nodeOptions);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/api/health`, 60_000);
    // --compare DIR: a second build on the next port, measured in turns with the first (A B, B A, …)
    // (--compare-node-options "…": the second server's Node options instead, e.g. on the same build)
    const compareOptions = opt(args, "--compare-node-options");
    const compareDist = opt(args, "--compare") ?? (compareOptions ? dist : undefined);
    if (compareDist && !existsSync(path.join(compareDist, "BUILD_ID"))) throw new Error(`--compare ${compareDist}: no build there`);
    const other = compareDist ? startServer(compareDist, port + 1, compareOptions ?? nodeOptions) : null;
    if (other) await waitFor(`http://127.0.0.1:${port + 1}/api/health`, 60_000);
    const api = `${base}/api/lms/courses/${encodeURIComponent(COURSE_KEY)}/forum`;
    // a deep page: follow the cursor 50 pages in
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const res: Response = await fetch(`${api}/threads${cursor ? `?cursor=${cursor}` : ""}`, { headers: { Cookie: cookies[0] } });
      if (res.status !== 200) throw new Error(`thread list answered ${res.status}: ${await res.text()}`);
      cursor = ((await res.json()) as { next: string | null }).next;
    }
    const all: Record<string, string> = {
      static: `${base}/help`,
      // the floor of any JSON route here: the proxy, a route handler and one `SELECT 1`
      health: `${base}/api/health`,
      overview: api,
      list: `${api}/threads`,
      deep: `${api}/threads?cursor=${cursor}`,
      thread: `${api}/threads/${bigThread}`,
      search: `${api}/threads?q=${word}`,
    };
    // --only list,thread: those rows (and always the static baseline), e.g. to profile one route
    const only = opt(args, "--only")?.split(",");
    const urls = Object.fromEntries(Object.entries(all).filter(([k]) => k === "static" || !only || only.includes(k)));
    for (const [k, u] of Object.entries(urls)) {
      const res = await fetch(u, { headers: { Cookie: cookies[1] } });
      if (res.status !== 200) throw new Error(`${k} answered ${res.status}`);
      if (k === "thread") {
        // the first page: 25 responses (each of the first 50 has one comment, so none has more
        // than the 10 a response carries), 150 in all; the cursors (of responses, and of comments
        // were there more) then reach every one of the 200 posts exactly once
        type Post = { id: number; comments?: { id: number }[]; commentCount?: number; nextComments?: string | null };
        type Page = { responses: Post[]; nextResponses: string | null; responseCount: number };
        const text = await res.text();
        const first = JSON.parse(text) as Page;
        const comments = (p: Page) => p.responses.reduce((a, x) => a + (x.comments?.length ?? 0), 0);
        const counted = first.responses.reduce((a, x) => a + (x.commentCount ?? 0), 0);
        if (first.responses.length !== 25 || comments(first) !== 25 || counted !== 25 || first.responseCount !== 150) {
          throw new Error(`the big thread's first page shows ${first.responses.length} responses with ${comments(first)} comments (commentCount ${counted}) of ${first.responseCount}, expected 25 with 25 of 150`);
        }
        const ids = new Set<number>();
        let page: Page | null = first;
        for (let n = 0; page; n++) {
          for (const r of page.responses) {
            for (const id of [r.id, ...(r.comments ?? []).map((c) => c.id)]) ids.add(id);
            for (let next = r.nextComments ?? null, m = 0; next && m < 20; m++) {
              const more: Response = await fetch(`${u}?response=${r.id}&afterComment=${next}`, { headers: { Cookie: cookies[1] } });
              if (more.status !== 200) throw new Error(`the big thread's next comments answered ${more.status}`);
              const cp = (await more.json()) as { comments: { id: number }[]; nextComments: string | null };
              for (const c of cp.comments) ids.add(c.id);
              next = cp.nextComments;
            }
          }
          if (!page.nextResponses || n > 20) break;
          const more: Response = await fetch(`${u}?after=${page.nextResponses}`, { headers: { Cookie: cookies[1] } });
          if (more.status !== 200) throw new Error(`the big thread's next page answered ${more.status}`);
          page = (await more.json()) as Page;
        }
        if (ids.size !== 200) throw new Error(`the big thread's pages show ${ids.size} posts, expected 200`);
        console.log(`thread ${bigThread}: first page ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB of JSON (25 of 150 responses); its pages reach all 200 posts`);
      }
    }
    const targets = other ? [{ name: compareOptions ? `${dist} (${nodeOptions})` : dist, base, pid: main.pid }, { name: compareOptions ? `${compareDist} (${compareOptions})` : compareDist!, base: `http://127.0.0.1:${port + 1}`, pid: other.pid }] : [{ name: dist, base, pid: main.pid }];
    const on = (u: string, b: string) => u.replace(base, b);
    console.log(`warming up…`);
    for (const t of targets) for (const u of Object.values(urls)) await measure(on(u, t.base), 8, 2, cookies);
    const rounds = other ? Number(opt(args, "--rounds") ?? 3) : 1;
    console.log(`measuring ${duration}s each at ${connections} connections, ${cookies.length} distinct learners${other ? `, in ${rounds} rounds of turns between ${dist} and ${compareDist}` : ""}…`);
    const db = databasePid();
    const raws = targets.map(() => Object.fromEntries(Object.keys(urls).map((k) => [k, [] as Raw[]])));
    for (let r = 0; r < rounds; r++) {
      for (const [k, u] of Object.entries(urls)) {
        const order = r % 2 ? [...targets.keys()].reverse() : [...targets.keys()];
        for (const i of order) raws[i][k].push(await measure(on(u, targets[i].base), connections, duration / rounds, k === "static" || k === "health" ? [] : cookies, { server: targets[i].pid, db }));
      }
    }
    const results = raws.map((perKey) => Object.fromEntries(Object.entries(perKey).map(([k, v]) => [k, resultOf(v)])));
    const res: Record<string, Result> = results[0];
    const label: Record<string, string> = { static: "static /help", health: "floor: /api/health (SELECT 1)", overview: "topics with unread counts", list: "thread list, first page", deep: "thread list, page 51 (cursor)", thread: "thread of 200 posts, first page", search: `search "${word}"` };
    const line = (res: Record<string, Result>, k: string) => {
      const x = res[k];
      const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : "—").padStart(8);
      return `${label[k].padEnd(32)} ${x.reqs.toFixed(0).padStart(7)} ${String(x.p50).padStart(7)} ${String(x.p95).padStart(7)} ${String(x.p99).padStart(7)} ${String(x.bad).padStart(5)} ${k === "static" ? "".padStart(9) : (x.reqs / res.static.reqs).toFixed(2).padStart(9)} ${ms(x.cpuMs)} ${ms(x.dbMs)}`;
    };
    results.forEach((r, i) => {
      console.log(`\n${(other ? targets[i].name : "request").padEnd(32)} ${"req/s".padStart(7)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"bad".padStart(5)} ${"÷ static".padStart(9)} ${"CPU ms".padStart(8)} ${"DB ms".padStart(8)}`);
      for (const k of Object.keys(urls)) console.log(line(r, k));
    });
    console.log(`(CPU ms: the server's CPU time per answered request; DB ms: MariaDB's, machine-wide; from /proc)`);
    for (const t of targets) console.log(`${t.name}: RSS after the run ${t.pid ? treeRssMb(t.pid).toFixed(0) : "?"} MB`);
    if (other) {
      console.log(`\n${targets[1].name} ÷ ${targets[0].name}: ${Object.keys(urls).map((k) => `${k} req/s ${(results[1][k].reqs / results[0][k].reqs).toFixed(2)}×, CPU ${(results[1][k].cpuMs / results[0][k].cpuMs).toFixed(2)}×`).join("; ")}`);
    }
    // Paced (bench/lib/paced.ts): the same connections and learners, but requests sent at evenly
    // spaced times at half the static page's rate just measured — the throughput the ratio target
    // asks of each row — and timed from when each was due: the latencies of a server with headroom,
    // not of one kept saturated (at 32 always-busy connections, p50 is 32 ÷ req/s whatever the route)
    const pacedRows: Record<string, Result> = {};
    if (!other && !args.includes("--no-paced")) {
      const rate = Math.round(res.static.reqs / 2);
      console.log(`\npaced: ${rate} req/s (½ × static) sent evenly over ${connections} connections, ${cookies.length} distinct learners; latency from when each request was due:`);
      console.log(`${"request".padEnd(32)} ${"req/s".padStart(7)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"bad".padStart(5)} ${"CPU ms".padStart(8)} ${"load ms".padStart(8)}`);
      for (const [k, u] of Object.entries(urls)) {
        const cpu0 = treeCpuMs(main.pid!);
        const r = await paced(u, { rate, seconds: duration, connections, cookies: k === "static" || k === "health" ? [] : cookies });
        const x = (pacedRows[k] = { reqs: r.reqs, p50: pct(r.times, 50), p95: pct(r.times, 95), p99: pct(r.times, 99), bad: r.bad, cpuMs: (treeCpuMs(main.pid!) - cpu0) / r.times.length, dbMs: NaN });
        console.log(`${label[k].padEnd(32)} ${x.reqs.toFixed(0).padStart(7)} ${String(x.p50).padStart(7)} ${String(x.p95).padStart(7)} ${String(x.p99).padStart(7)} ${String(x.bad).padStart(5)} ${x.cpuMs.toFixed(2).padStart(8)} ${r.genCpuMs.toFixed(2).padStart(8)}`);
      }
      console.log(`(CPU ms: the server's per request; load ms: this load generator's, on the same 2 cores; a row below ${rate} req/s did not keep up)`);
    }
    const verdict = Object.keys(urls)
      .filter((k) => k !== "static" && k !== "health")
      .map((k) => `${k}: ${res[k].reqs / res.static.reqs >= 0.5 ? "≥" : "<"} 0.5× static, p95 ${res[k].p95} ms ${res[k].p95 <= 100 ? "≤" : ">"} 100 ms${pacedRows[k] ? ` (paced at ½ × static: ${pacedRows[k].p95} ms ${pacedRows[k].p95 <= 100 ? "≤" : ">"} 100 ms)` : ""}`);
    console.log(`\ntargets (each ≥ 0.5 × static, p95 ≤ 100 ms): ${verdict.join("; ")}`);
    console.log(`search in SQL for "${word}" over ${nThreads} threads + ${written} posts: FULLTEXT boolean mode ${ft.toFixed(1)} ms, LIKE '%…%' ${like.toFixed(1)} ms (mean of 5)`);
    console.log(`machine: ${(await import("node:os")).cpus().length} cores, load ${(await import("node:os")).loadavg().map((x) => x.toFixed(1)).join(" ")}; autocannon shares the cores with the server.`);
  } finally {
    if (servers.length) {
      for (const child of servers) child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
    }
    if (args.includes("--keep")) console.log(`kept database ${name}`);
    else await dropDatabase(dbUrl).catch(() => undefined);
    await rm(contentDir, { recursive: true, force: true });
    const { closeDb } = await import("@/lib/db");
    await closeDb().catch(() => undefined);
  }
}
