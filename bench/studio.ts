// npm run bench -- studio [--units N] [--runs N]
// Studio on a big course: imports a generated course with 2,000 units (lib/olx generateCourse:
// 5 subsections per section, 5 units per subsection, 6 components per unit) into a throwaway
// database and content dir, then measures, through the same service functions the server actions
// call: opening the outline (getStudioOutline), saving a component (saveComponent with its base
// revision), renaming a unit, reordering units (within and across subsections), publishing one
// unit and publishing the whole course. Prints p50/p95 per operation against the targets
// (outline p95 ≤ 150 ms, save ≤ 100 ms, whole-course publish ≤ 2 s).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} needs a positive integer`);
  return v;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function time<T>(samples: number[], fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  samples.push(performance.now() - t0);
  return out;
}

/** Child mode (run with --conditions=react-server): does the measuring, prints one JSON line. */
async function child(units: number, runs: number, source: string): Promise<void> {
  const { importCourse } = await import("@/lib/courses/import");
  const { seedDemoUsers } = await import("@/lib/auth/seed");
  const { getStudioOutline, getComponentEditorData } = await import("@/lib/studio");
  const svc = await import("@/lib/studio/service");
  const { closeDb } = await import("@/lib/db");
  const { closeContentStore } = await import("@/lib/content");

  const users = await seedDemoUsers();
  const userId = users.find((u) => u.username === "author")!.id;
  const t0 = performance.now();
  const imported = await importCourse({ source, createdBy: userId });
  const importMs = performance.now() - t0;
  const courseId = imported.courseId;
  const w = { courseId, userId };

  const first = await getStudioOutline({ courseId });
  const subs = first.sections.flatMap((s) => s.children);
  const allUnits = subs.flatMap((s) => s.children);
  if (allUnits.length !== units) throw new Error(`expected ${units} units, got ${allUnits.length}`);

  // the first edit creates the working copy (a copy of every block row): timed on its own
  const firstEdit: number[] = [];
  await time(firstEdit, () => svc.renameItem({ ...w, usageKey: allUnits[0].usageKey, displayName: "First edit" }));

  const r: Record<string, number[]> = { outline: [], save: [], rename: [], reorder: [], "move across": [], "publish unit": [], "publish course": [] };
  for (let i = 0; i < Math.max(runs, 20); i++) await time(r.outline, () => getStudioOutline({ courseId }));

  // component saves: html components of units spread over the course
  const unitData = await import("@/lib/studio").then((m) => m.getUnitEditorData({ courseId, unitUsageKey: allUnits[Math.floor(units / 2)].usageKey }));
  const html = unitData.components.find((c) => c.blockType === "html")!;
  let revision = (await getComponentEditorData({ courseId, usageKey: html.usageKey })).revision;
  for (let i = 0; i < runs; i++) {
    const out = await time(r.save, () =>
      svc.saveComponent({ ...w, courseKey: imported.courseKey, usageKey: html.usageKey, baseRevision: revision, content: { kind: "html", displayName: `Text v${i}`, html: `<p>Edit number ${i} ${randomBytes(4).toString("hex")}</p>` } }),
    );
    revision = out.revision;
  }
  for (let i = 0; i < runs; i++) await time(r.rename, () => svc.renameItem({ ...w, usageKey: allUnits[(i * 37) % units].usageKey, displayName: `Unit renamed ${i}` }));

  // reorder within a subsection (first unit to the end), and move a unit to the next subsection and back
  for (let i = 0; i < runs; i++) {
    const sub = subs[(i * 13) % subs.length];
    const unit = (await getStudioOutline({ courseId })).sections.flatMap((s) => s.children).find((s) => s.usageKey === sub.usageKey)!.children[0];
    await time(r.reorder, () => svc.moveItem({ ...w, usageKey: unit.usageKey, parentUsageKey: sub.usageKey, position: 4 }));
  }
  for (let i = 0; i < runs; i++) {
    const a = subs[(i * 7) % (subs.length - 1)];
    const b = subs[((i * 7) % (subs.length - 1)) + 1];
    const unit = allUnits.find((u) => a.children.some((c) => c.usageKey === u.usageKey))!;
    await time(r["move across"], () => svc.moveItem({ ...w, usageKey: unit.usageKey, parentUsageKey: b.usageKey, position: 0 }));
    await svc.moveItem({ ...w, usageKey: unit.usageKey, parentUsageKey: a.usageKey, position: 0 });
  }

  for (let i = 0; i < Math.min(runs, 10); i++) {
    const unit = allUnits[(i * 101) % units];
    await svc.renameItem({ ...w, usageKey: unit.usageKey, displayName: `Publish me ${i}` });
    await time(r["publish unit"], () => svc.publish({ ...w, usageKey: unit.usageKey }));
  }
  for (let i = 0; i < Math.min(runs, 8); i++) {
    await svc.renameItem({ ...w, usageKey: allUnits[(i * 53) % units].usageKey, displayName: `Course publish ${i}` });
    await time(r["publish course"], () => svc.publish(w));
  }
  const after = await getStudioOutline({ courseId });
  if (after.state !== "published") throw new Error(`after publishing the whole course its state is ${after.state}`);

  await closeContentStore();
  await closeDb();
  process.stdout.write(`${JSON.stringify({ blocks: Object.values(imported.blocks).reduce((a, b) => a + b, 0), importMs, firstEditMs: firstEdit[0], r })}\n`);
}

export async function run(args: string[]): Promise<void> {
  const units = option(args, "--units", 2000);
  const runs = option(args, "--runs", 30);
  if (args[0] === "--child") return child(units, runs, args[args.indexOf("--source") + 1]);

  const { migrateDatabase, dropDatabase } = await import("@/lib/db/migrate");
  const { generateCourse } = await import("@/lib/olx");
  const server = process.env.BENCH_DATABASE_SERVER_URL ?? "mysql://root@127.0.0.1:3306";
  const dbName = `atrium_bench_studio_${randomBytes(4).toString("hex")}`;
  const dbUrl = `${server.replace(/\/$/, "")}/${dbName}`;
  const work = await mkdtemp(path.join(tmpdir(), "atrium-bench-studio-"));
  await migrateDatabase(dbUrl);
  try {
    // 5 units per subsection, 5 subsections per section, 6 components per unit
    const subsections = Math.ceil(units / 5);
    const sections = Math.ceil(subsections / 5);
    const blocks = 1 + sections + subsections + units * 7;
    const genDir = path.join(work, "generated");
    await mkdir(genDir);
    await generateCourse({ blocks, out: genDir, org: "BenchStudio" });
    const env = {
      ...process.env,
      DATABASE_URL: dbUrl,
      CONTENT_STORE: "disk",
      CONTENT_DIR: path.join(work, "content"),
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("hex"),
    };
    const out = await new Promise<string>((resolve, reject) => {
      const p = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "bench/index.ts", "studio", "--child", "--units", String(units), "--runs", String(runs), "--source", genDir], {
        cwd: process.cwd(),
        env,
        stdio: ["ignore", "pipe", "inherit"],
      });
      let text = "";
      p.stdout.on("data", (d: Buffer) => (text += d.toString()));
      p.on("error", reject);
      p.on("close", (code) => (code === 0 ? resolve(text) : reject(new Error(`studio bench child exited with ${code}`))));
    });
    const res = JSON.parse(out.trim().split("\n").pop()!) as { blocks: number; importMs: number; firstEditMs: number; r: Record<string, number[]> };
    const targets: Record<string, string> = { outline: "p95 ≤ 150 ms", save: "≤ 100 ms", "publish course": "≤ 2000 ms" };
    console.log(`studio bench: ${units} units, ${res.blocks} blocks (import ${Math.round(res.importMs)} ms; first edit, which creates the working copy: ${Math.round(res.firstEditMs)} ms), db ${dbName}, node ${process.version}`);
    const head = ["operation", "n", "p50 ms", "p95 ms", "max ms", "target"];
    const rows = Object.entries(res.r).map(([k, xs]) => [k, String(xs.length), pct(xs, 50).toFixed(1), pct(xs, 95).toFixed(1), Math.max(...xs).toFixed(1), targets[k] ?? ""]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r: string[]) => r.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
    console.log(line(head));
    console.log(widths.map((x) => "-".repeat(x)).join("  "));
    for (const r of rows) console.log(line(r));
  } finally {
    await dropDatabase(dbUrl);
    await rm(work, { recursive: true, force: true });
  }
}
