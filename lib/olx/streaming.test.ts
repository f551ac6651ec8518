// Imports never hold the archive in memory (issue 8, item 6): assets are streamed to disk member
// by member, only XML/JSON/HTML is kept in memory under caps, and the spill folder goes away.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OlxError, readOlx } from "./index";
import { entriesOf, makeTar, minimalCourse, tempDir, writeGzipBomb, writeTree } from "./test-support";
import { releaseSpills } from "./source";

// archives read here leave assets in spill folders until their course is disposed
afterAll(releaseSpills);

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as OlxError,
  );

describe("reading an export without holding it in memory", () => {
  it("keeps an archive's assets in files of a spill folder, not in memory, and dispose() removes them", async () => {
    const work = tempDir("olx-spill-");
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
    const file = path.join(work, "c.tar.gz");
    writeFileSync(file, await makeTar(entriesOf(minimalCourse({ "static/img/a.png": png, "about/overview.html": "<p>About</p>" }))));
    const spillParent = tempDir("olx-spill-parent-");
    const c = await readOlx(file, { tempDir: spillParent });
    const asset = c.assets.find((a) => a.path === "img/a.png")!;
    expect(asset.size).toBe(png.length);
    expect(asset.file).toBeDefined();
    expect(asset.file!.startsWith(spillParent)).toBe(true);
    expect(readFileSync(asset.file!).equals(png)).toBe(true);
    expect(asset.data.equals(png)).toBe(true);
    // text stays in memory (no file)
    const about = c.documents.find((d) => d.path === "about/overview.html")!;
    expect(about.file).toBeUndefined();
    expect(about.data.toString()).toBe("<p>About</p>");
    expect(readdirSync(spillParent)).toHaveLength(1);
    await c.dispose!();
    expect(readdirSync(spillParent)).toEqual([]);
    expect(existsSync(asset.file!)).toBe(false);
  });

  it("leaves a folder's assets where they are (no copy, no read)", async () => {
    const dir = await writeTree(minimalCourse({ "static/a.bin": Buffer.alloc(1000, 7) }));
    const c = await readOlx(dir);
    const a = c.assets.find((x) => x.path === "a.bin")!;
    expect(a.file).toBe(path.join(dir, "static", "a.bin"));
    expect(a.size).toBe(1000);
  });

  it("stops an XML member at the per-file cap, naming it, and leaves no spill folder behind", async () => {
    const spillParent = tempDir("olx-spill-parent-");
    const file = path.join(tempDir(), "bomb.tar.gz");
    await writeGzipBomb(file, 64 * 1024 * 1024, "vertical/zeros.xml");
    const err = await refusal(readOlx(file, { tempDir: spillParent, maxTextFileBytes: 1024 * 1024 }));
    expect(err).toBeInstanceOf(OlxError);
    expect(err!.message).toMatch(/course\/vertical\/zeros\.xml is larger than the 1 MB limit for one XML\/JSON\/HTML file/);
    expect(readdirSync(spillParent)).toEqual([]);
  });

  it("stops when the XML/JSON/HTML files together exceed the text cap", async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 20; i++) many[`about/page${i}.html`] = "x".repeat(10_000);
    const dir = await writeTree(minimalCourse(many));
    await expect(readOlx(dir, { maxTextBytes: 100_000 })).rejects.toThrow(/XML\/JSON\/HTML files exceed the limit of 100000 bytes in all/);
  });

  it("refuses a course with more blocks than the limit", async () => {
    const dir = await writeTree(minimalCourse());
    await expect(readOlx(dir, { maxBlocks: 3 })).rejects.toThrow(/more than 3 blocks in the course/);
    await expect(readOlx(dir, { maxBlocks: 50 })).resolves.toBeDefined();
  });

  it("reads a 400 MiB asset (a gzip bomb under the limit) in a child process whose peak RSS stays small", async () => {
    const file = path.join(tempDir(), "big.tar.gz");
    await writeGzipBomb(file, 400 * 1024 * 1024, "static/zeros.bin");
    const script = `
      const m = await import(${JSON.stringify(path.resolve("lib/olx/index.ts"))});
      const readOlx = m.readOlx ?? m.default.readOlx;
      const c = await readOlx(${JSON.stringify(file)});
      const size = c.assets[0].size;
      await c.dispose();
      process.stdout.write(JSON.stringify({ size, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
    `;
    const res = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 120_000 });
    expect(res.stderr).toBe("");
    const out = JSON.parse(res.stdout) as { size: number; maxRssMb: number };
    expect(out.size).toBe(400 * 1024 * 1024);
    // Holding the member would take > 400 MB (> 800 MB with the concat); streaming stays near node's own ~100 MB.
    expect(out.maxRssMb).toBeLessThan(250);
  }, 180_000);
});
