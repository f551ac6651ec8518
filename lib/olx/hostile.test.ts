// Hostile archives: each must fail with a clear OlxError and leave nothing behind.
import { existsSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { checkOlx, OlxError, readOlx, writeOlxDirectory } from "./index";
import { entriesOf, makeTar, minimalCourse, tempDir, writeTree, type TarEntry } from "./test-support";
import { releaseSpills } from "./source";

// archives read here leave assets in spill folders until their course is disposed
afterAll(releaseSpills);

/** Writes the archive into a fresh folder, reads it, and checks the folder still holds only it. */
async function expectArchiveRejected(
  archive: Buffer,
  message: RegExp,
  opts?: Parameters<typeof readOlx>[1],
): Promise<OlxError> {
  const dir = tempDir("olx-hostile-");
  const file = path.join(dir, "in.tar.gz");
  writeFileSync(file, archive);
  const err = await readOlx(file, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OlxError);
  expect((err as OlxError).message).toMatch(message);
  expect(readdirSync(dir)).toEqual(["in.tar.gz"]);
  return err as OlxError;
}

const course = (extra: Record<string, string | Buffer> = {}) => entriesOf(minimalCourse(extra));

describe("hostile archives", () => {
  it("accepts the well-formed baseline archive", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "ok.tar.gz"), await makeTar(course()));
    const c = await readOlx(path.join(dir, "ok.tar.gz"));
    expect(c.courseKey).toBe("course-v1:Test+T1+2026");
  });

  it("refuses path traversal with ..", async () => {
    const entries: TarEntry[] = [...course(), { name: "course/../../evil.txt", data: "x" }];
    await expectArchiveRejected(await makeTar(entries), /leaves the archive/);
  });

  it("refuses absolute paths", async () => {
    const entries: TarEntry[] = [...course(), { name: "/etc/evil.txt", data: "x" }];
    await expectArchiveRejected(await makeTar(entries), /absolute path/);
  });

  it("refuses symlinks", async () => {
    const entries: TarEntry[] = [...course(), { name: "course/static/passwd", type: "symlink", linkname: "/etc/passwd" }];
    const err = await expectArchiveRejected(await makeTar(entries), /symlink/);
    expect(err.message).toContain("static/passwd");
  });

  it("refuses hard links", async () => {
    const entries: TarEntry[] = [...course(), { name: "course/static/x", type: "link", linkname: "course/course.xml" }];
    await expectArchiveRejected(await makeTar(entries), /hard link/);
  });

  it("refuses other special entries (fifo)", async () => {
    const entries: TarEntry[] = [...course(), { name: "course/static/pipe", type: "fifo" }];
    await expectArchiveRejected(await makeTar(entries), /fifo/);
  });

  it("refuses XXE (external entity in a DOCTYPE)", async () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE problem [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<problem>&xxe;</problem>`;
    const err = await expectArchiveRejected(await makeTar(course({ "problem/p1.xml": xxe })), /DOCTYPE and entity declarations are not allowed/);
    expect(err.file).toBe("problem/p1.xml");
    expect(err.line).toBe(2);
  });

  it("refuses a DOCTYPE even without entities", async () => {
    await expectArchiveRejected(await makeTar(course({ "chapter/ch1.xml": `<!DOCTYPE chapter SYSTEM "http://x/y.dtd"><chapter/>` })), /DOCTYPE/);
  });

  it("refuses billion laughs (entity expansion)", async () => {
    const lol = [`<?xml version="1.0"?>`, `<!DOCTYPE lolz [`, ` <!ENTITY lol "lol">`];
    for (let i = 1; i <= 9; i++) lol.push(` <!ENTITY lol${i} "${`&lol${i - 1 || ""};`.repeat(10)}">`);
    lol.push(`]>`, `<problem>&lol9;</problem>`);
    await expectArchiveRejected(await makeTar(course({ "problem/p1.xml": lol.join("\n") })), /entity declarations are not allowed/);
  });

  it("stops a gzip bomb at the unpacked-size limit", async () => {
    // 64 MiB of zeros compress to ~64 KiB; the limit is 8 MiB.
    const bomb = Buffer.alloc(64 * 1024 * 1024);
    const archive = await makeTar(course({ "static/zeros.bin": bomb }));
    expect(archive.length).toBeLessThan(1024 * 1024);
    await expectArchiveRejected(archive, /unpacked size exceeds the limit of 8388608 bytes/, { maxUnpackedBytes: 8 * 1024 * 1024 });
  });

  it("refuses too many files", async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 60; i++) many[`static/f${i}.txt`] = "x";
    await expectArchiveRejected(await makeTar(course(many)), /too many files \(more than 50\)/, { maxFiles: 50 });
  });

  it("refuses very deep XML nesting", async () => {
    const deep = `<problem>${"<div>".repeat(5000)}x${"</div>".repeat(5000)}</problem>`;
    const err = await expectArchiveRejected(await makeTar(course({ "problem/p1.xml": deep })), /nested deeper than 100 elements/);
    expect(err.file).toBe("problem/p1.xml");
  });

  it("refuses very deep folder nesting", async () => {
    const name = `course/static/${"d/".repeat(200)}x.txt`;
    await expectArchiveRejected(await makeTar([...course(), { name, data: "x" }]), /nested deeper than 100 folders/);
  });

  it("refuses very deep block nesting", async () => {
    const files: Record<string, string> = {};
    files["vertical/v1.xml"] = `<vertical><vertical url_name="w0"/></vertical>`;
    for (let i = 0; i < 30; i++) files[`vertical/w${i}.xml`] = `<vertical><vertical url_name="w${i + 1}"/></vertical>`;
    files["vertical/w30.xml"] = `<vertical/>`;
    await expectArchiveRejected(await makeTar(course(files)), /blocks nested deeper than 20 levels/, { maxDepth: 20 });
  });

  it("refuses a cycle of pointers", async () => {
    const err = await expectArchiveRejected(
      await makeTar(course({ "vertical/v1.xml": `<vertical>\n  <vertical url_name="v2"/>\n</vertical>`, "vertical/v2.xml": `<vertical>\n  <vertical url_name="v1"/>\n</vertical>` })),
      /cycle of pointers/,
    );
    expect(err.file).toBe("vertical/v2.xml");
    expect(err.line).toBe(2);
  });

  it("refuses duplicate url_names", async () => {
    const err = await expectArchiveRejected(
      await makeTar(course({ "vertical/v1.xml": `<vertical>\n  <html url_name="h1"/>\n  <html url_name="h1"/>\n</vertical>` })),
      /duplicate url_name "h1" for <html>/,
    );
    expect(err.line).toBe(3);
  });

  it("refuses a missing pointer target", async () => {
    const err = await expectArchiveRejected(
      await makeTar(course({ "sequential/seq1.xml": `<sequential>\n  <vertical url_name="nope"/>\n</sequential>` })),
      /missing file vertical\/nope\.xml/,
    );
    expect(err.file).toBe("sequential/seq1.xml");
    expect(err.line).toBe(2);
  });

  it("refuses invalid UTF-8", async () => {
    const bad = Buffer.concat([Buffer.from(`<problem display_name="`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(`"/>`)]);
    const err = await expectArchiveRejected(await makeTar(course({ "problem/p1.xml": bad })), /invalid UTF-8/);
    expect(err.file).toBe("problem/p1.xml");
  });

  it("refuses a file that is not a tar archive", async () => {
    await expectArchiveRejected(Buffer.from("this is just text, not an archive\n".repeat(40)), /not a \.tar\.gz or \.tar archive/);
  });

  it("refuses gzip data that is not a tar inside", async () => {
    await expectArchiveRejected(zlib.gzipSync(Buffer.from("hello, I am gzip but not tar\n".repeat(100))), /not a valid tar archive \(Invalid tar header/);
  });

  it("refuses a truncated gzip", async () => {
    const full = await makeTar(course({ "static/big.txt": "lorem ipsum ".repeat(20000) }));
    await expectArchiveRejected(full.subarray(0, Math.floor(full.length / 2)), /truncated/);
  });

  it("refuses malformed XML with file and line", async () => {
    const err = await expectArchiveRejected(await makeTar(course({ "chapter/ch1.xml": `<chapter>\n  <sequential url_name="seq1">\n</chapter>` })), /malformed XML/);
    expect(err.file).toBe("chapter/ch1.xml");
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/^chapter\/ch1\.xml:2: malformed XML: Opening and ending tag mismatch/);
  });

  it("refuses an archive without course.xml", async () => {
    await expectArchiveRejected(await makeTar([{ name: "x/readme.txt", data: "hi" }]), /no course\.xml/);
  });

  it("checkOlx reports errors instead of throwing", async () => {
    const dir = tempDir();
    const file = path.join(dir, "in.tar.gz");
    writeFileSync(file, await makeTar([...course(), { name: "course/../x", data: "x" }]));
    const res = await checkOlx(file);
    expect(res.ok).toBe(false);
    expect(res.errors[0].message).toMatch(/leaves the archive/);
  });

  it("refuses a url_name that would leave its folder", async () => {
    const err = await expectArchiveRejected(
      await makeTar(course({ "vertical/v1.xml": `<vertical>\n  <html url_name="..:..:etc:passwd"/>\n</vertical>` })),
      /invalid url_name/,
    );
    expect(err.line).toBe(2);
  });

  it("refuses to export a model whose names would escape the export folder", async () => {
    const dir = await writeTree(minimalCourse());
    const c = await readOlx(dir);
    c.root.children[0].urlName = "..";
    const out = path.join(tempDir(), "out");
    await expect(writeOlxDirectory(c, out)).rejects.toThrow(/unsafe url_name/);
    expect(existsSync(out)).toBe(false);
    c.root.children[0].urlName = "ch1";
    c.assets.push({ path: "../../evil.sh", size: 1, contentType: "text/plain", locked: false, data: Buffer.from("x") });
    await expect(writeOlxDirectory(c, path.join(tempDir(), "out2"))).rejects.toThrow(/unsafe path/);
    expect(existsSync(path.join(dir, "..", "evil.sh"))).toBe(false);
  });

  it("refuses a directory symlink pointing outside the export", async () => {
    const dir = await writeTree(minimalCourse());
    symlinkSync("/etc/hostname", path.join(dir, "static-link"));
    await expect(readOlx(dir)).rejects.toThrow(/symlink that points outside/);
  });

  it("refuses a member whose name is not valid UTF-8, naming it", async () => {
    // tar-stream writes names as UTF-8: write a placeholder, then patch raw bytes into the header.
    const raw = await makeTar(course({ "static/cafXX.png": "png" }), { gzip: false });
    const at = raw.indexOf("course/static/cafXX.png");
    expect(at % 512).toBe(0);
    const nameAt = at + "course/static/caf".length;
    raw[nameAt] = 0xff;
    raw[nameAt + 1] = 0xfe;
    // header checksum: sum of the 512 header bytes with the checksum field read as spaces
    raw.fill(0x20, at + 148, at + 156);
    let sum = 0;
    for (let i = at; i < at + 512; i++) sum += raw[i];
    raw.write(`${sum.toString(8).padStart(6, "0")}\0 `, at + 148, "latin1");
    const err = await expectArchiveRejected(zlib.gzipSync(raw), /not valid UTF-8: "course\/static\/caf\uFFFD\uFFFD\.png"/);
    expect(err.message).toContain("course/static/caf");
  });

  it("refuses a path that is both a file and a folder, naming it (either order)", async () => {
    const fileFirst = [...course(), { name: "course/static/img", data: "a file" }, { name: "course/static/img/a.png", data: "png" }];
    await expectArchiveRejected(await makeTar(fileFirst), /holds course\/static\/img both as a folder and as a file/);
    const folderFirst = [...course(), { name: "course/static/img/a.png", data: "png" }, { name: "course/static/img", data: "a file" }];
    await expectArchiveRejected(await makeTar(folderFirst), /holds course\/static\/img both as a folder and as a file/);
    const dirEntry: TarEntry[] = [...course(), { name: "course/static/doc", data: "a file" }, { name: "course/static/doc/", type: "directory" }];
    await expectArchiveRejected(await makeTar(dirEntry), /holds course\/static\/doc both as a folder and as a file/);
  });
});
