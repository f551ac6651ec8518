// npm run bench -- import [--runs N] [--blocks N] [--bomb-gib N]
// Times full imports (read + store + one MySQL transaction) of the Open edX demo course (as a
// directory and as a .tar.gz), of a generated course (20,000 blocks by default), and of two gzip
// bombs (a few MB of .tar.gz that inflate to --bomb-gib GiB, 3 by default: one huge static/ file,
// one huge XML file; both must be refused), against a throwaway database and content dir. Each
// run is a fresh child process, so its peak RSS (getrusage maxrss) is that run's alone. Also times
// a parse-only pass (untar + parse every file, no resolution, no writes) over the same source and
// prints full ÷ parse-only.
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { OPENEDX_DEMO_DIR } from "@/scripts/lib/shared-fixtures";
import { writeGzipBomb } from "@/lib/olx/test-support";

const DEMO = OPENEDX_DEMO_DIR;

type ChildResult = { ms: number; maxRssMb: number; blocks: number; files?: number; refused?: string };

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} needs a positive integer`);
  return v;
}

/** Child mode: one measured operation, result as one JSON line on stdout. */
async function child(mode: string, source: string): Promise<void> {
  const { OlxError } = await import("@/lib/olx");
  // A refused archive (the bombs) is a result, not a failure of the bench.
  const refusal = (err: unknown) => {
    if (err instanceof OlxError) return err.message;
    throw err;
  };
  if (mode === "import") {
    const { importCourse } = await import("@/lib/courses/import");
    const t0 = performance.now();
    const res = await importCourse({ source }).catch(refusal);
    const ms = performance.now() - t0;
    const blocks = typeof res === "string" ? 0 : Object.values(res.blocks).reduce((a, b) => a + b, 0);
    const { closeDb } = await import("@/lib/db");
    await closeDb();
    process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, blocks, refused: typeof res === "string" ? res : undefined })}\n`);
    return;
  }
  const { parseOnly } = await import("@/lib/olx");
  const t0 = performance.now();
  const res = await parseOnly(source).catch(refusal);
  const ms = performance.now() - t0;
  process.stdout.write(
    `${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, blocks: 0, files: typeof res === "string" ? 0 : res.files, refused: typeof res === "string" ? res : undefined })}\n`,
  );
}

function runChild(mode: string, source: string, env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "bench/index.ts", "import", "--child", mode, source], {
      cwd: process.cwd(),
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.on("error", reject);
    p.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${mode} of ${source} exited with ${code}`));
      resolve(JSON.parse(out.trim().split("\n").pop()!) as ChildResult);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

export async function run(args: string[]): Promise<void> {
  if (args[0] === "--child") return child(args[1], args[2]);
  const runs = option(args, "--runs", 3);
  const genBlocks = option(args, "--blocks", 20_000);
  const bombGib = option(args, "--bomb-gib", 3);

  const { migrateDatabase, dropDatabase } = await import("@/lib/db/migrate");
  const { generateCourse } = await import("@/lib/olx");
  const server = process.env.BENCH_DATABASE_SERVER_URL ?? "mysql://root@127.0.0.1:3306";
  const dbName = `atrium_bench_import_${randomBytes(4).toString("hex")}`;
  const dbUrl = `${server.replace(/\/$/, "")}/${dbName}`;
  const work = await mkdtemp(path.join(tmpdir(), "atrium-bench-import-"));
  await migrateDatabase(dbUrl);
  try {
    const sources: Array<{ label: string; path: string; once?: boolean }> = [];
    const tar = promisify(execFile);
    if (existsSync(path.join(DEMO, "course.xml"))) {
      const demoTar = path.join(work, "demo.tar.gz");
      await tar("tar", ["-czf", demoTar, "-C", path.dirname(DEMO), path.basename(DEMO)]);
      sources.push({ label: "demo course (dir)", path: DEMO }, { label: "demo course (.tar.gz)", path: demoTar });
    } else {
      console.log(`(demo course not found at ${DEMO}: skipped)`);
    }
    const genDir = path.join(work, "generated");
    await mkdir(genDir);
    await generateCourse({ blocks: genBlocks, out: genDir });
    const genTar = path.join(work, "generated.tar.gz");
    await tar("tar", ["-czf", genTar, "-C", work, "generated"]);
    sources.push({ label: `generated ${fmt(genBlocks)} (dir)`, path: genDir }, { label: `generated ${fmt(genBlocks)} (.tar.gz)`, path: genTar });
    for (const [what, member] of [["static file", "static/zeros.bin"], ["XML file", "vertical/zeros.xml"]] as const) {
      const bomb = path.join(work, `bomb-${member.replace(/\W/g, "-")}.tar.gz`);
      await writeGzipBomb(bomb, bombGib * 1024 ** 3, member);
      const { size } = await import("node:fs/promises").then((m) => m.stat(bomb));
      sources.push({ label: `gzip bomb, ${what} (${fmt(size / 1024 ** 2, 1)} MB → ${bombGib} GiB)`, path: bomb, once: true });
    }

    console.log(`import bench: ${runs} run(s) per source, db ${dbName}, fresh content dir per run, node ${process.version}`);
    const rows: string[][] = [];
    for (const s of sources) {
      const imports: ChildResult[] = [];
      const parses: ChildResult[] = [];
      for (let i = 0; i < (s.once ? 1 : runs); i++) {
        const contentDir = path.join(work, `content-${randomBytes(4).toString("hex")}`);
        const env = { ...process.env, DATABASE_URL: dbUrl, CONTENT_STORE: "disk", CONTENT_DIR: contentDir, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("hex") };
        parses.push(await runChild("parse", s.path, env));
        imports.push(await runChild("import", s.path, env));
        await rm(contentDir, { recursive: true, force: true });
      }
      const ms = median(imports.map((r) => r.ms));
      const parseMs = median(parses.map((r) => r.ms));
      const blocks = imports[0].blocks;
      rows.push([
        s.label,
        fmt(blocks),
        fmt(ms),
        fmt((blocks * 1000) / ms),
        fmt(Math.max(...imports.map((r) => r.maxRssMb))),
        fmt(parseMs),
        fmt(Math.max(...parses.map((r) => r.maxRssMb))),
        `${fmt(ms / parseMs, 1)}×`,
        imports[0].refused ? `refused: ${imports[0].refused.slice(0, 90)}` : "imported",
      ]);
    }
    const head = ["source", "blocks", "import ms (median)", "blocks/s", "peak RSS MB", "parse-only ms", "parse RSS MB", "import ÷ parse", "outcome"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r: string[]) => r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
    console.log(line(head));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const r of rows) console.log(line(r));
  } finally {
    await dropDatabase(dbUrl);
    await rm(work, { recursive: true, force: true });
  }
}
