// npm run cluster -- [--instances N] [--port P] [--first-port Q] [--no-build] [--access-log] [--var DIR]
// Builds once, starts N `next start` processes on loopback ports behind nginx (Debian's package,
// installed if missing; run as our own process with a generated config under var/cluster/, never
// the system service) and serves http://localhost:PORT (default 3000, or $PORT). Prints each
// instance's port and pid and writes them to var/cluster.json. Checks every instance's
// /api/health every 2 s: an instance that stops answering (or is draining) is marked down in
// nginx until it answers again; a 503 caused by the database keeps it in rotation (every instance
// shares the database, and its 503 carries the message). Ctrl-C / SIGTERM stops nginx gracefully,
// then sends SIGTERM to each instance (which finishes in-flight requests and closes its pools,
// lib/shutdown.ts), waits up to 30 s, and kills only what it started.
import INSTANCE from "./lib/instance.json";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { nginxConfig, UNAVAILABLE_HTML, UNAVAILABLE_PAGE, type UpstreamServer } from "./lib/nginx-config";

function opt(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const ROOT = path.resolve(__dirname, "..");
// --var DIR puts the state file and nginx's folder elsewhere (benches and fault tests run their
// own cluster without touching a developer's var/cluster.json).
const VAR = path.resolve(ROOT, opt(process.argv, "--var") ?? "var");
const PREFIX = path.join(VAR, "cluster");
const STATE_FILE = path.join(VAR, "cluster.json");
const HOST = "127.0.0.1";

function log(msg: string) {
  console.log(`[cluster] ${msg}`);
}

function portFree(port: number, host = HOST): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

async function fetchStatus(url: string, ms: number): Promise<{ status: number; body: string } | null> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(ms), headers: { "cache-control": "no-store" } });
    return { status: r.status, body: await r.text() };
  } catch {
    return null;
  }
}

function ensureNginx(): string {
  const found = spawnSync("sh", ["-c", "command -v nginx || ls /usr/sbin/nginx"], { encoding: "utf8" }).stdout.trim().split("\n")[0];
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error("nginx is not installed: run `apt-get install -y nginx` as root, then try again.");
  log("nginx is missing: apt-get install -y nginx (the system service is not started)");
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  // RUNLEVEL=1 keeps the package's maintainer script from starting the system service.
  const r = spawnSync("apt-get", ["install", "-y", "-qq", "nginx"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive", RUNLEVEL: "1" } });
  if (r.status !== 0 || !existsSync("/usr/sbin/nginx")) throw new Error("apt-get install nginx failed");
  return "/usr/sbin/nginx";
}

type Instance = { index: number; port: number; proc: ChildProcess; pid: number; state: "starting" | "up" | "down" | "exited"; misses: number; reason?: string };

async function main() {
  const args = process.argv.slice(2);
  // Whoever reads our output may go away (a bench that stopped): keep going, and stop cleanly.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
  if (args.includes("--help") || args.includes("-h")) {
    console.log("usage: npm run cluster -- [--instances N] [--port P] [--first-port Q] [--no-build] [--access-log] [--var DIR]");
    return;
  }
  if (existsSync(path.join(ROOT, ".env"))) process.loadEnvFile(path.join(ROOT, ".env"));
  const count = Number(opt(args, "--instances") ?? process.env.CLUSTER_INSTANCES ?? 2);
  const port = Number(opt(args, "--port") ?? process.env.PORT ?? 3000);
  const firstPort = Number(opt(args, "--first-port") ?? port + 10);
  const build = !args.includes("--no-build");
  if (!Number.isInteger(count) || count < 1 || count > 32) throw new Error("--instances must be 1..32");
  for (const p of [port, firstPort]) if (!Number.isInteger(p) || p < 1 || p > 65535) throw new Error(`bad port ${p}`);
  if (firstPort <= port && firstPort + count > port) throw new Error("instance ports overlap the nginx port");
  const distDir = path.resolve(ROOT, process.env.NEXT_DIST_DIR ?? ".next");
  const nginx = ensureNginx();

  for (const name of ["DATABASE_URL", "NEXTAUTH_SECRET"]) {
    if (!process.env[name]) throw new Error(`${name} is not set (put it in .env or the environment; see .env.example)`);
  }
  for (const p of [port, ...Array.from({ length: count }, (_, i) => firstPort + i)]) {
    if (!(await portFree(p))) throw new Error(`port ${p} is already in use`);
  }

  // The settings every instance shares (docs/deploy.md): one database, one content store, one
  // NEXTAUTH_SECRET and NEXTAUTH_URL (the public address, nginx's), one build (so one build id
  // and one server-actions key); the key is fixed here too, so a rebuild while running agrees.
  const shared: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: path.relative(ROOT, distDir) || ".next",
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
    // Only nginx on loopback reaches the instances, so its X-Forwarded-For is the client's address.
    ATRIUM_TRUST_PROXY: process.env.ATRIUM_TRUST_PROXY ?? "true",
    // An instance whose cluster process dies (kill -9) stops itself (lib/shutdown.ts).
    ATRIUM_EXIT_WITH_PARENT: "1",
  };
  delete shared.PORT;

  if (build) {
    log(`building once into ${path.relative(ROOT, distDir)} …`);
    const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], { cwd: ROOT, env: shared, stdio: "inherit" });
    if (r.status !== 0) throw new Error("next build failed");
  } else if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    throw new Error(`--no-build, but ${distDir} holds no build`);
  }
  const buildId = readFileSync(path.join(distDir, "BUILD_ID"), "utf8").trim();

  mkdirSync(path.join(PREFIX, "tmp"), { recursive: true });
  writeFileSync(path.join(PREFIX, UNAVAILABLE_PAGE), UNAVAILABLE_HTML);

  const instances: Instance[] = [];
  let nginxProc: ChildProcess | null = null;
  let stopping = false;
  let healthTimer: NodeJS.Timeout | null = null;

  const ipv6 = existsSync("/proc/net/if_inet6") && (await portFree(port, "::1"));
  const writeNginx = () => {
    const upstreams: UpstreamServer[] = instances.map((i) => ({ host: HOST, port: i.port, down: i.state === "down" || i.state === "exited" }));
    const conf = nginxConfig({
      prefix: PREFIX,
      listen: [{ host: HOST, port }, ...(ipv6 ? [{ host: "::1", port }] : [])],
      upstreams,
      distDir,
      user: process.getuid?.() === 0 ? "root" : undefined,
      workers: Math.min(2, os.cpus().length),
      accessLog: args.includes("--access-log"),
    });
    writeFileSync(path.join(PREFIX, "nginx.conf"), conf);
  };
  const writeState = () => {
    const state = {
      url: `http://localhost:${port}`,
      port,
      pid: process.pid,
      buildId,
      distDir,
      startedAt: new Date().toISOString(),
      nginx: { pid: nginxProc?.pid ?? null, config: path.join(PREFIX, "nginx.conf") },
      instances: instances.map((i) => ({ index: i.index, port: i.port, pid: i.pid, url: `http://${HOST}:${i.port}`, state: i.state })),
    };
    writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
  };

  const shutdown = async (why: string, code: number) => {
    if (stopping) return;
    stopping = true;
    if (healthTimer) clearInterval(healthTimer);
    log(`${why}: stopping nginx and ${instances.filter((i) => i.state !== "exited").length} instance(s)…`);
    const waitExit = (p: ChildProcess, ms: number) =>
      new Promise<boolean>((resolve) => {
        if (p.exitCode !== null || p.signalCode !== null) return resolve(true);
        const t = setTimeout(() => resolve(false), ms);
        p.once("exit", () => {
          clearTimeout(t);
          resolve(true);
        });
      });
    if (nginxProc) {
      nginxProc.kill("SIGQUIT"); // graceful: finishes the requests it is serving
      if (!(await waitExit(nginxProc, 10_000))) nginxProc.kill("SIGKILL");
    }
    for (const i of instances) if (i.proc.exitCode === null && i.proc.signalCode === null) i.proc.kill("SIGTERM");
    const done = await Promise.all(instances.map((i) => waitExit(i.proc, 30_000)));
    instances.forEach((i, k) => {
      if (!done[k]) {
        log(`instance ${i.index} (pid ${i.pid}) did not stop within 30 s: SIGKILL`);
        i.proc.kill("SIGKILL");
      }
    });
    rmSync(STATE_FILE, { force: true });
    log("stopped");
    process.exit(code);
  };
  // Last resort if this process dies some other way: no instance or nginx outlives it.
  process.on("exit", () => {
    for (const i of instances) if (i.proc.exitCode === null && i.proc.signalCode === null) i.proc.kill("SIGTERM");
    if (nginxProc && nginxProc.exitCode === null) nginxProc.kill("SIGQUIT");
  });
  process.on("SIGINT", () => void shutdown("SIGINT", 0));
  process.on("SIGTERM", () => void shutdown("SIGTERM", 0));

  try {
    for (let index = 0; index < count; index++) {
      const p = firstPort + index;
      const proc = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-H", HOST, "-p", String(p), "--keepAliveTimeout", String(INSTANCE.keepAliveTimeoutMs)], {
        cwd: ROOT,
        // The instance's Node settings (scripts/lib/instance.json) unless NODE_OPTIONS says otherwise.
        env: { ...shared, NODE_OPTIONS: shared.NODE_OPTIONS || INSTANCE.nodeOptions },
        detached: true, // its own process group: Ctrl-C reaches only us, and we stop it in order
        stdio: ["ignore", "pipe", "pipe"],
      });
      const inst: Instance = { index, port: p, proc, pid: proc.pid ?? -1, state: "starting", misses: 0 };
      instances.push(inst);
      const prefix = `[${index}:${p}] `;
      const pipe = (s: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) => {
        let buf = "";
        s?.on("data", (d: Buffer) => {
          buf += d.toString();
          const lines = buf.split("\n");
          buf = lines.pop() ?? "";
          for (const l of lines) out.write(`${prefix}${l}\n`);
        });
      };
      pipe(proc.stdout, process.stdout);
      pipe(proc.stderr, process.stderr);
      proc.on("exit", (code, signal) => {
        inst.state = "exited";
        inst.reason = signal ? `signal ${signal}` : `exit ${code}`;
        if (stopping) return;
        log(`instance ${index} (port ${p}, pid ${inst.pid}) exited (${inst.reason}); nginx sends its traffic to the others`);
        writeNginx();
        nginxProc?.kill("SIGHUP");
        writeState();
        if (instances.every((i) => i.state === "exited")) void shutdown("every instance has exited", 1);
      });
    }
    const t0 = Date.now();
    const deadline = t0 + 120_000;
    log(`started ${count} instance(s); waiting for each /api/health…`);
    for (const inst of instances) {
      while (inst.state === "starting") {
        if (Date.now() > deadline) throw new Error(`instance ${inst.index} did not answer /api/health within 120 s`);
        const r = await fetchStatus(`http://${HOST}:${inst.port}/api/health`, 2_000);
        if (r?.status === 200) inst.state = "up";
        else if (r && r.status === 503) throw new Error(`instance ${inst.index}: /api/health answered 503 ${r.body}`);
        else await new Promise((res) => setTimeout(res, 250));
      }
      if (inst.state === "exited") throw new Error(`instance ${inst.index} exited while starting (${inst.reason})`);
      log(`instance ${inst.index} (port ${inst.port}, pid ${inst.pid}) is healthy after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }

    writeNginx();
    const test = spawnSync(nginx, ["-t", "-q", "-e", path.join(PREFIX, "error.log"), "-p", PREFIX, "-c", path.join(PREFIX, "nginx.conf")], { encoding: "utf8" });
    if (test.status !== 0) throw new Error(`nginx rejected the generated config:\n${test.stderr}`);
    nginxProc = spawn(nginx, ["-e", path.join(PREFIX, "error.log"), "-p", PREFIX, "-c", path.join(PREFIX, "nginx.conf"), "-g", "daemon off;"], {
      cwd: PREFIX,
      detached: true,
      stdio: ["ignore", "inherit", "inherit"],
    });
    log(`nginx started (pid ${nginxProc.pid}); waiting for it to answer…`);
    nginxProc.on("exit", (code, signal) => {
      if (!stopping) void shutdown(`nginx exited (${signal ?? code})`, 1);
    });
    const until = Date.now() + 30_000;
    while ((await fetchStatus(`http://${HOST}:${port}/api/health`, 2_000))?.status !== 200) {
      if (Date.now() > until) throw new Error("nginx did not answer within 30 s (see var/cluster/error.log)");
      await new Promise((res) => setTimeout(res, 200));
    }
    writeState();

    console.log(`\nAtrium: http://localhost:${port}  (nginx pid ${nginxProc.pid}, build ${buildId})`);
    for (const i of instances) console.log(`  instance ${i.index}: http://${HOST}:${i.port}  pid ${i.pid}`);
    console.log(`State in ${path.relative(ROOT, STATE_FILE)}; nginx config in ${path.relative(ROOT, PREFIX)}/nginx.conf. Ctrl-C stops everything.\n`);

    // Active health checks: nginx (open source) has only passive ones.
    let checking = false;
    healthTimer = setInterval(() => {
      if (checking || stopping) return;
      checking = true;
      void (async () => {
        let changed = false;
        for (const inst of instances) {
          if (inst.state === "exited") continue;
          const r = await fetchStatus(`http://${HOST}:${inst.port}/api/health`, 5_000);
          const draining = r?.status === 503 && r.body.includes('"draining"');
          const bad = !r || draining || (r.status >= 500 && r.status !== 503);
          // A busy instance may miss one probe: down after 2 misses in a row (or at once when draining).
          inst.misses = bad ? inst.misses + 1 : 0;
          const next = draining || inst.misses >= 2 ? "down" : bad ? inst.state : "up";
          if (next !== inst.state) {
            log(`instance ${inst.index} (port ${inst.port}) is ${next}${r ? ` (HTTP ${r.status})` : " (no answer)"}`);
            inst.state = next;
            changed = true;
          }
        }
        if (changed && !stopping) {
          writeNginx();
          nginxProc?.kill("SIGHUP");
          writeState();
        }
      })().finally(() => (checking = false));
    }, 2_000);
  } catch (err) {
    console.error(`[cluster] ${err instanceof Error ? err.message : String(err)}`);
    await shutdown("start-up failed", 1);
  }
}

main().catch((err: unknown) => {
  console.error(`[cluster] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
