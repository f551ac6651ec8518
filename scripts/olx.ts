// npm run olx -- import <dir|archive.tar.gz> [--json] [--owner <username>] [--if-changed]
//              export <course key> <out.tar.gz> [--version <id>]
//              check <dir|archive>
// Imports run as jobs (a jobs row with progress, like Studio's). --if-changed writes nothing when the
// course's published version was imported from exactly this content (scripts/setup.sh re-runs). Errors exit non-zero with a
// message naming the file (and line) from lib/olx. The DB pool and store are closed at the end so
// the process exits promptly.
import "@/scripts/lib/load-env"; // first: .env before any setting is read
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { closeContentStore } from "@/lib/content";
import { exportCourse, startImportJob } from "@/lib/courses";
import { closeDb } from "@/lib/db";
import { getJob } from "@/lib/db/queries/jobs";
import { checkOlx } from "@/lib/olx";

const USAGE = `usage:
  npm run olx -- import <dir|archive.tar.gz> [--json] [--owner <username>] [--if-changed]
  npm run olx -- export <course key> <out.tar.gz> [--version <id>]
  npm run olx -- check <dir|archive>`;

class UsageError extends Error {}

function parseArgs(argv: string[]) {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") flags.json = true;
    else if (a === "--if-changed") flags["if-changed"] = true;
    else if (a === "--owner" || a === "--version") {
      const v = argv[++i];
      if (!v || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
      flags[a.slice(2)] = v;
    } else if (a.startsWith("--")) throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  return { positional, flags };
}

async function cmdImport(source: string, json: boolean, owner?: string, ifChanged = false): Promise<number> {
  const { jobId, done } = await startImportJob({ archivePath: path.resolve(source), fileName: path.basename(source), ownerUsername: owner, userId: null, skipUnchanged: ifChanged });
  await done;
  const job = await getJob({ id: jobId });
  if (!job || job.status !== "succeeded") {
    console.error(`import failed: ${job?.error ?? "unknown error"}`);
    return 1;
  }
  const r = job.result as { courseKey: string; versionId: number; unchanged?: boolean; blocks: Record<string, number>; warnings: string[] };
  if (json) {
    process.stdout.write(`${JSON.stringify({ courseKey: r.courseKey, versionId: r.versionId, unchanged: r.unchanged === true, blocks: r.blocks, warnings: r.warnings })}\n`);
  } else if (r.unchanged) {
    console.log(`${r.courseKey} is unchanged: its published version ${r.versionId} has exactly this content, so nothing was imported (job ${jobId})`);
  } else {
    const total = Object.values(r.blocks).reduce((a, b) => a + b, 0);
    console.log(`Imported ${r.courseKey} as version ${r.versionId} (${total} blocks, job ${jobId})`);
    for (const [t, n] of Object.entries(r.blocks).sort((a, b) => b[1] - a[1])) console.log(`  ${t.padEnd(20)} ${n}`);
    if (r.warnings.length) {
      console.log(`${r.warnings.length} warning(s):`);
      for (const w of r.warnings) console.log(`  - ${w}`);
    }
  }
  return 0;
}

async function cmdExport(courseKey: string, out: string, version?: string): Promise<number> {
  const versionId = version === undefined ? undefined : Number(version);
  if (versionId !== undefined && !Number.isInteger(versionId)) throw new UsageError(`--version must be a number, got ${version}`);
  // Write beside the target and rename at the end: a failed export leaves no half archive.
  const partial = `${out}.partial-${process.pid}`;
  const stream = createWriteStream(partial, { flags: "wx" });
  const closed = new Promise<void>((resolve, reject) => {
    stream.on("close", resolve);
    stream.on("error", reject);
  });
  try {
    const res = await exportCourse({ courseKey, out: stream, versionId });
    if (!stream.writableFinished) stream.end();
    await closed;
    await rename(partial, out);
    console.error(`Exported ${courseKey} (version ${res.versionId}) to ${out}`);
    return 0;
  } catch (err) {
    stream.destroy();
    await rm(partial, { force: true });
    throw err;
  }
}

async function cmdCheck(source: string): Promise<number> {
  const res = await checkOlx(source);
  if (!res.ok || !res.course) {
    for (const e of res.errors) console.error(e.message);
    return 1;
  }
  const c = res.course;
  const total = Object.values(c.blocks).reduce((a, b) => a + b, 0);
  console.log(`${source}: OK — ${c.courseKey}${c.displayName ? ` "${c.displayName}"` : ""}, ${total} blocks, ${c.assets} static files, ${c.documents} documents, ${c.drafts} drafts`);
  for (const [t, n] of Object.entries(c.blocks).sort((a, b) => b[1] - a[1])) {
    const u = c.unsupported[t];
    console.log(`  ${t.padEnd(20)} ${n}${u ? ` (${u} unsupported)` : ""}`);
  }
  for (const n of res.notes) console.log(`  note: ${n}`);
  for (const w of res.warnings) console.log(`  warning: ${w}`);
  console.log("Nothing was written.");
  return 0;
}

async function main(): Promise<number> {
  const [cmd, ...rest] = process.argv.slice(2);
  const { positional, flags } = parseArgs(rest);
  switch (cmd) {
    case "import":
      if (positional.length !== 1) throw new UsageError("import needs exactly one <dir|archive.tar.gz>");
      return cmdImport(positional[0], flags.json === true, typeof flags.owner === "string" ? flags.owner : undefined, flags["if-changed"] === true);
    case "export":
      if (positional.length !== 2) throw new UsageError("export needs <course key> <out.tar.gz>");
      return cmdExport(positional[0], positional[1], typeof flags.version === "string" ? flags.version : undefined);
    case "check":
      if (positional.length !== 1) throw new UsageError("check needs exactly one <dir|archive>");
      return cmdCheck(positional[0]);
    default:
      throw new UsageError(cmd ? `unknown command ${cmd}` : "missing command");
  }
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    if (err instanceof UsageError) console.error(`${err.message}\n${USAGE}`);
    else console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = err instanceof UsageError ? 2 : 1;
  })
  .finally(async () => {
    await Promise.allSettled([closeDb(), closeContentStore()]);
  });
