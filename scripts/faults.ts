// npm run test:faults [-- --learners N --duration S]
// Faults under load, loopback only and bounded. A PRIVATE MariaDB (own datadir under /tmp, own
// port; the system MariaDB on 3306 is never touched), a throwaway database on it with the demo
// course and N learners (bench/load-setup.ts), and `npm run cluster` with 2 instances on the
// existing build (NEXT_DIST_DIR, default .next; built first if there is none). Then:
//   1. kill -9 one instance a third of the way into the load: at most 0.5 % of requests may fail,
//      and every acknowledged submission must be in MySQL;
//   2. (a fresh cluster) stop MariaDB for 5 s a third of the way into the load: while it is down,
//      requests fail cleanly (HTTP 503 with a message, or the action's "unavailable" result with
//      its message; never a hang, a reset or a 502), full service is back within 5 s of its
//      return, no instance was restarted (same pids, all alive), no acknowledged write lost.
// Prints the figures and ends with "faults: N passed, M failed"; exits 1 on any failure.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { opt } from "../bench/lib/http";
import { machineLine, missingAcked, prepareDatabase, report, runLoad, startCluster, submitActionId, type LoadStats } from "../bench/load";

const args = process.argv.slice(2);
const LEARNERS = Number(opt(args, "--learners") ?? 20);
const DURATION = Number(opt(args, "--duration") ?? 40);
const TIMEOUT_MS = Number(opt(args, "--timeout") ?? 60) * 1000;
const DB_PORT = Number(opt(args, "--db-port") ?? process.env.FAULTS_DB_PORT ?? 3345);
const PORT = Number(opt(args, "--port") ?? process.env.FAULTS_PORT ?? 3321);
const FIRST_PORT = Number(opt(args, "--first-port") ?? PORT + 14);
const DIST = process.env.NEXT_DIST_DIR ?? ".next";
const MARIADBD = existsSync("/usr/sbin/mariadbd") ? "/usr/sbin/mariadbd" : "mariadbd";

let passed = 0;
let failed = 0;
function check(ok: boolean, what: string) {
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}`);
  if (ok) passed++;
  else failed++;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

class PrivateMariaDb {
  readonly dir = mkdtempSync("/tmp/atrium-faults-db-");
  proc: ChildProcess | null = null;
  constructor(readonly port: number) {}

  install() {
    const r = spawnSync("mariadb-install-db", ["--no-defaults", `--datadir=${this.dir}/data`, `--user=${process.env.USER ?? "root"}`, "--auth-root-authentication-method=normal", "--skip-test-db"], {
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`mariadb-install-db failed: ${r.stderr || r.stdout}`);
  }

  async start() {
    if (await portOpen(this.port)) throw new Error(`port ${this.port} is already in use`);
    this.proc = spawn(
      MARIADBD,
      [
        "--no-defaults",
        `--datadir=${this.dir}/data`,
        `--port=${this.port}`,
        "--bind-address=127.0.0.1",
        `--socket=${this.dir}/mysqld.sock`,
        `--pid-file=${this.dir}/mysqld.pid`,
        `--user=${process.env.USER ?? "root"}`,
        "--skip-log-bin",
        "--innodb-buffer-pool-size=128M",
        "--max-connections=500",
        `--log-error=${this.dir}/mysqld.err`,
      ],
      { stdio: "ignore" },
    );
    for (let i = 0; i < 150; i++) {
      if (await portOpen(this.port)) return;
      await sleep(200);
    }
    throw new Error(`private MariaDB did not start:\n${readFileSync(`${this.dir}/mysqld.err`, "utf8").slice(-1500)}`);
  }

  /** Clean shutdown (SIGTERM), as an operator's restart would do; bounded. */
  async stop() {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once("exit", r));
    p.kill("SIGTERM");
    await Promise.race([exited, sleep(30_000)]);
    if (p.exitCode === null && p.signalCode === null) {
      p.kill("SIGKILL");
      await exited;
    }
    this.proc = null;
  }

  async destroy() {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function health(url: string, ms = 8_000): Promise<number> {
  try {
    const r = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(ms) });
    await r.arrayBuffer();
    return r.status;
  } catch {
    return 0;
  }
}

/** The instances' error lines (what turned into 503s), a few of them. */
function printErrors(log: string) {
  const lines = log.split("\n").filter((l) => /error|⨯|exited|is down|is up/i.test(l));
  if (lines.length) console.log(`  cluster log (${lines.length} lines of note):\n${lines.slice(0, 12).map((l) => `    ${l.slice(0, 200)}`).join("\n")}`);
}

const totals = (s: LoadStats) => ({
  requests: s.requests.signin + s.requests.page + s.requests.state + s.requests.submit,
  failures: s.failures.signin + s.failures.page + s.failures.state + s.failures.submit,
});

async function main() {
  const db = new PrivateMariaDb(DB_PORT);
  const name = `atrium_faults_${randomBytes(3).toString("hex")}`;
  console.log(`private MariaDB on 127.0.0.1:${DB_PORT} (datadir ${db.dir}); nginx on ${PORT}, instances from ${FIRST_PORT}`);
  db.install();
  await db.start();
  try {
    const prepared = await prepareDatabase(`mysql://root@127.0.0.1:${DB_PORT}`, name, LEARNERS, { DATABASE_POOL_SIZE: "10" });
    const actionId = existsSync(path.join(DIST, "BUILD_ID")) ? submitActionId(DIST) : null;
    const base = `http://127.0.0.1:${PORT}`;

    // ---- 1. kill -9 one instance mid-load ----
    console.log(`\n1. kill -9 one of 2 instances ${Math.round(DURATION / 3)} s into ${DURATION} s of ${LEARNERS} learners`);
    let cluster = await startCluster({ env: prepared.env, instances: 2, port: PORT, firstPort: FIRST_PORT, distDir: DIST });
    try {
      const victim = cluster.state.instances[1];
      let killedAt = -1;
      const stats = await runLoad({
        base,
        setup: prepared.setup,
        durationS: DURATION,
        actionId: actionId ?? submitActionId(DIST),
        requestTimeoutMs: TIMEOUT_MS,
        onSecond: (s) => {
          if (killedAt < 0 && s >= Math.round(DURATION / 3)) {
            killedAt = s;
            process.kill(victim.pid, "SIGKILL");
            console.log(`  ${s} s: kill -9 instance ${victim.index} (pid ${victim.pid}, port ${victim.port})`);
          }
        },
      });
      const lost = await missingAcked(prepared.dbUrl, stats.acked);
      const t = totals(stats);
      const pct = (100 * t.failures) / Math.max(1, t.requests);
      console.log(report(stats));
      const around = stats.failureTimes.filter((x) => x >= killedAt - 1).length;
      console.log(`  failures from the kill on: ${around}; acknowledged submissions ${stats.acked.length}, missing in MySQL ${lost.length}`);
      check(killedAt >= 0 && !alive(victim.pid), `instance ${victim.index} was killed at ${killedAt} s`);
      check(pct <= 0.5, `failed requests ${t.failures} of ${t.requests} = ${pct.toFixed(3)} % (≤ 0.5 %)`);
      check(stats.graded > 0 && lost.length === 0, `${stats.acked.length} acknowledged submissions, ${lost.length} missing in MySQL`);
      check(/instance 1 \(port \d+, pid \d+\) exited/.test(cluster.log()), "the cluster noticed the dead instance and took it out of nginx");
      printErrors(cluster.log());
    } finally {
      await cluster.stop();
    }

    // ---- 2. stop MariaDB for 5 s mid-load ----
    console.log(`\n2. stop MariaDB for 5 s, ${Math.round(DURATION / 3)} s into ${DURATION} s of ${LEARNERS} learners`);
    cluster = await startCluster({ env: prepared.env, instances: 2, port: PORT, firstPort: FIRST_PORT, distDir: DIST });
    try {
      const pids = cluster.state.instances.map((i) => i.pid);
      let downAt = -1;
      let upAt = -1;
      let outage: Promise<void> | null = null;
      const downHealth: number[] = [];
      let t0 = Date.now(); // the load's clock (set from its first tick: sign-ins come before it)
      const stats = await runLoad({
        base,
        setup: prepared.setup,
        durationS: DURATION,
        actionId: actionId ?? submitActionId(DIST),
        requestTimeoutMs: TIMEOUT_MS,
        onSecond: (s, st) => {
          t0 = st.startedAt;
          if (outage || s < Math.round(DURATION / 3)) return;
          outage = (async () => {
            await db.stop();
            downAt = (Date.now() - t0) / 1000;
            console.log(`  ${downAt.toFixed(1)} s: MariaDB stopped`);
            // Probe every instance directly while it is down (in parallel; does not stretch the outage).
            const probes = sleep(2_000).then(() => Promise.all(cluster.state.instances.map((i) => health(i.url, 2_500))));
            await sleep(5_000);
            await db.start();
            upAt = (Date.now() - t0) / 1000;
            console.log(`  ${upAt.toFixed(1)} s: MariaDB answering again`);
            downHealth.push(...(await probes));
          })();
        },
      });
      if (outage) await outage;
      console.log(report(stats));
      const lost = await missingAcked(prepared.dbUrl, stats.acked);
      const inOutage = [...stats.failureKinds].filter(([, n]) => n > 0);
      const clean = (label: string) => /HTTP 503 \(with message\)|unavailable:[a-z_]+: \S/.test(label);
      const unclean = inOutage.filter(([label]) => !clean(label));
      // Recovery: the last failed request was SENT this long after MariaDB answered again.
      const lastFailure = stats.failureTimes.length ? Math.max(...stats.failureTimes) : -1;
      const recovery = lastFailure < 0 ? 0 : Math.max(0, lastFailure - upAt);
      console.log(`  outage ${downAt.toFixed(1)}–${upAt.toFixed(1)} s; ${stats.failureTimes.length} failed requests, the last one sent at ${lastFailure.toFixed(1)} s; health while down: ${downHealth.join(", ")}`);
      check(downAt > 0 && upAt - downAt >= 5 && upAt - downAt < 8, `MariaDB was down for ${(upAt - downAt).toFixed(1)} s (stopped → answering again)`);
      check(stats.failureTimes.length > 0, "requests failed while MariaDB was down (the outage was felt)");
      check(unclean.length === 0, `every failure was a clean 503 / "unavailable" with a message${unclean.length ? `; not: ${unclean.map(([l, n]) => `${n}× ${l}`).join("; ").slice(0, 600)}` : ""}`);
      check(downHealth.length > 0 && downHealth.every((c) => c === 503), `/api/health answered 503 on every instance while down (${downHealth.join(", ")})`);
      check(recovery <= 5, `full service ${recovery.toFixed(1)} s after MariaDB returned (≤ 5 s)`);
      printErrors(cluster.log());
      check(pids.every(alive) && !/exited \(/.test(cluster.log()), `no instance restarted or died (pids ${pids.join(", ")} alive throughout)`);
      check(stats.graded > 0 && lost.length === 0, `${stats.acked.length} acknowledged submissions, ${lost.length} missing in MySQL`);
      let after: number[] = [];
      for (let i = 0; i < 5 && !(after.length && after.every((c) => c === 200)); i++) after = await Promise.all(cluster.state.instances.map((x) => health(x.url)));
      check(after.every((c) => c === 200), `every instance healthy at the end (${after.join(", ")})`);
    } finally {
      await cluster.stop();
    }
    await prepared.drop();
  } finally {
    await db.destroy();
  }
  console.log(machineLine());
  console.log(`faults: ${passed} passed, ${failed} failed`);
  if (failed) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  console.log(`faults: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
