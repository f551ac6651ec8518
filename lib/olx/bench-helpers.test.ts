import path from "node:path";
import { describe, expect, it } from "vitest";
import { countBlocks, generateCourse, parseOnly, readOlx } from "./index";
import { tempDir, writeTree, minimalCourse } from "./test-support";

describe("bench helpers", () => {
  it.each([5, 7, 181, 1000, 2345])("generates a course of exactly %i blocks that reads back", async (n) => {
    const out = path.join(tempDir("olx-gen-"), "course");
    const counts = await generateCourse({ blocks: n, out });
    const c = await readOlx(out);
    const read = countBlocks(c.root);
    expect(read).toEqual(counts);
    expect(Object.values(read).reduce((a, b) => a + b, 0)).toBe(n);
    expect(c.warnings).toEqual([]);
  });

  it("refuses to generate into a non-empty folder", async () => {
    const dir = await writeTree({ "x.txt": "x" });
    await expect(generateCourse({ blocks: 10, out: dir })).rejects.toThrow(/not empty/);
  });

  it("parseOnly parses every XML file without resolving", async () => {
    const dir = await writeTree(minimalCourse({ "chapter/orphan.xml": "<chapter/>" }));
    const res = await parseOnly(dir);
    expect(res.xmlFiles).toBe(8);
    expect(res.files).toBe(11);
    await expect(parseOnly(await writeTree(minimalCourse({ "chapter/bad.xml": "<chapter>" })))).rejects.toThrow(/chapter\/bad\.xml.*malformed XML/);
  });
});
