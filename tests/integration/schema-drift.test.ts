// The Drizzle schema (lib/db/schema) and the committed migrations (drizzle/) agree: running
// `drizzle-kit generate` against a copy of the committed migrations writes nothing new. A schema
// edit without its migration (or a hand-edited snapshot) fails here instead of in production.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
let work = "";

async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(path.relative(dir, path.join(e.parentPath, e.name)));
  return out.sort();
}

/** Runs drizzle-kit generate over a copy of `migrations`; returns its output and the files after. */
async function generateInto(migrations: string, schema = "./lib/db/schema/index.ts") {
  const out = path.join(work, `out-${Math.random().toString(36).slice(2)}`);
  await cp(migrations, out, { recursive: true });
  const config = path.join(work, `drizzle-${path.basename(out)}.config.js`);
  // drizzle-kit resolves `out` relative to the working directory (an absolute path breaks it).
  await writeFile(config, `module.exports = ${JSON.stringify({ dialect: "mysql", schema, out: path.relative(ROOT, out) })};\n`);
  const before = await listing(out);
  const r = await run(path.join(ROOT, "node_modules/.bin/drizzle-kit"), ["generate", "--config", config], { cwd: ROOT, timeout: 120_000 });
  return { stdout: r.stdout + r.stderr, before, after: await listing(out), out };
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "atrium-schema-drift-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("schema and migrations", () => {
  it("drizzle-kit generate finds nothing to migrate", async () => {
    const r = await generateInto(path.join(ROOT, "drizzle"));
    expect(r.after).toEqual(r.before);
    expect(r.stdout).toMatch(/No schema changes/);
  }, 120_000);

  it("would notice a schema change without its migration", async () => {
    // The real schema plus one table no migration creates (under var/, so imports resolve).
    const probeDir = path.join(ROOT, "var", `schema-drift-${Math.random().toString(36).slice(2)}`);
    await mkdir(probeDir, { recursive: true });
    try {
      await writeFile(
        path.join(probeDir, "schema.ts"),
        [
          'import { int, mysqlTable } from "drizzle-orm/mysql-core";',
          'export * from "../../lib/db/schema";',
          'export const driftProbe = mysqlTable("drift_probe", { id: int("id").primaryKey() });',
          "",
        ].join("\n"),
      );
      const r = await generateInto(path.join(ROOT, "drizzle"), `./${path.relative(ROOT, probeDir)}/schema.ts`);
      const added = r.after.filter((f) => f.endsWith(".sql") && !r.before.includes(f));
      expect(added).toHaveLength(1);
      expect(await readFile(path.join(r.out, added[0]), "utf8")).toContain("CREATE TABLE `drift_probe`");
    } finally {
      await rm(probeDir, { recursive: true, force: true });
    }
  }, 120_000);
});
