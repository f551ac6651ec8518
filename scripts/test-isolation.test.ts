// `npm test` (and the benches) must never touch what `bash scripts/setup.sh` serves: the `.next`
// build folder and port 3000. They build into their own folders, serve on their own ports and
// use no fixed temp file names, so both README commands can run side by side on one machine.
import { execFile } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "..");
const read = (p: string) => readFileSync(path.join(ROOT, p), "utf8");

async function exitOf(cmd: string, args: string[], env: Record<string, string>) {
  try {
    const r = await run(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: 30_000 });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: (e.stdout ?? "") + (e.stderr ?? "") };
  }
}

describe("tests and benches stay off the app's .next and :3000", () => {
  it("the Playwright web server uses .next-test and its own port", async () => {
    const { default: config } = await import("../playwright.config");
    const server = Array.isArray(config.webServer) ? config.webServer[0] : config.webServer!;
    expect(server.env?.NEXT_DIST_DIR).toBe(process.env.E2E_DIST_DIR ?? ".next-test");
    expect(server.command).not.toMatch(/-p 3000\b/);
    expect(config.use?.baseURL).not.toMatch(/:3000\b/);
  });

  it("scripts/e2e.sh builds into E2E_DIST_DIR (default .next-test) and refuses .next", async () => {
    const text = read("scripts/e2e.sh");
    expect(text).toContain('export E2E_DIST_DIR="${E2E_DIST_DIR:-.next-test}"');
    expect(text).toContain('export NEXT_DIST_DIR="$E2E_DIST_DIR"');
    // Refused before any database is made or anything is built.
    const r = await exitOf("bash", ["scripts/e2e.sh"], { E2E_DIST_DIR: ".next" });
    expect(r.code).not.toBe(0);
    expect(r.out).toContain("E2E_DIST_DIR must not be .next");
  });

  it("the health-recovery check uses .next-test by default and refuses .next", async () => {
    expect(read("tests/health-recovery/run.sh")).toContain('DIST="${HEALTH_DIST_DIR:-.next-test}"');
    const r = await exitOf("bash", ["tests/health-recovery/run.sh"], { HEALTH_DIST_DIR: ".next" });
    expect(r.code).toBe(2);
    expect(r.out).toContain("HEALTH_DIST_DIR must not be .next");
  });

  it("the lms bench builds into .next-bench-lms on port 3290 unless told otherwise, never .next", async () => {
    const text = read("bench/lms.ts");
    expect(text).toContain('opt(args, "--dist") ?? ".next-bench-lms"');
    expect(text).toContain('opt(args, "--port") ?? 3290');
    const { run: bench } = (await import("../bench/lms")) as { run: (args: string[]) => Promise<void> };
    await expect(bench(["--dist", ".next"])).rejects.toThrow(/must not be \.next/);
  });

  it("no script writes to a fixed file name under /tmp", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (name === "node_modules" || name.startsWith(".") || name === "fixtures") continue;
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(sh|ts|mjs)$/.test(name) && p !== __filename) {
          for (const m of readFileSync(p, "utf8").matchAll(/>\s*"?\/tmp\/[\w.-]+/g)) offenders.push(`${path.relative(ROOT, p)}: ${m[0]}`);
        }
      }
    };
    for (const dir of ["scripts", "tests", "bench", "e2e"]) walk(path.join(ROOT, dir));
    expect(offenders).toEqual([]);
  });
});
