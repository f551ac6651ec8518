// Test support for lib/olx: builds export directories and tar archives (with tar-stream) in temp
// folders, so the hostile-archive tests need no committed binary fixtures.
import { createWriteStream, mkdtempSync, promises as fsp } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import * as tar from "tar-stream";

export type TarEntry = {
  name: string;
  data?: string | Buffer;
  type?: "file" | "directory" | "symlink" | "link" | "fifo";
  linkname?: string;
};

export function tempDir(prefix = "olx-test-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A tar (gzipped unless gzip is false) holding the entries in order. */
export async function makeTar(entries: TarEntry[], { gzip = true } = {}): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = new Promise<void>((resolve, reject) => {
    pack.on("data", (c: unknown) => chunks.push(c as Buffer));
    pack.on("end", () => resolve());
    pack.on("error", reject);
  });
  for (const e of entries) {
    const type = e.type ?? "file";
    const data = e.data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, "utf8");
    await new Promise<void>((resolve, reject) => {
      const header = { name: e.name, type, linkname: e.linkname, mode: type === "directory" ? 0o755 : 0o644, mtime: new Date(0) };
      if (type === "file") pack.entry({ ...header, size: data.length }, data, (err) => (err ? reject(err) : resolve()));
      else pack.entry(header, (err) => (err ? reject(err) : resolve()));
    });
  }
  pack.finalize();
  await collected;
  const raw = Buffer.concat(chunks);
  return gzip ? zlib.gzipSync(raw) : raw;
}

/** Writes {relative path: content} into a new temp folder (or `dir`) and returns it. */
export async function writeTree(files: Record<string, string | Buffer>, dir = tempDir()): Promise<string> {
  for (const [p, data] of Object.entries(files)) {
    const abs = path.join(dir, ...p.split("/"));
    await fsp.mkdir(path.dirname(abs), { recursive: true });
    await fsp.writeFile(abs, data);
  }
  return dir;
}

/** Archive entries for a {path: content} map, under an optional top folder. */
export function entriesOf(files: Record<string, string | Buffer>, top = "course/"): TarEntry[] {
  return Object.entries(files).map(([name, data]) => ({ name: `${top}${name}`, data }));
}

/** A minimal valid course: one chapter → sequential → vertical → html + problem. */
export function minimalCourse(extra: Record<string, string | Buffer> = {}): Record<string, string | Buffer> {
  return {
    "course.xml": `<course url_name="2026" org="Test" course="T1"/>`,
    "course/2026.xml": `<course display_name="Test course" start="2026-01-01T00:00:00Z">\n  <chapter url_name="ch1"/>\n</course>`,
    "chapter/ch1.xml": `<chapter display_name="Chapter 1">\n  <sequential url_name="seq1"/>\n</chapter>`,
    "sequential/seq1.xml": `<sequential display_name="Seq 1">\n  <vertical url_name="v1"/>\n</sequential>`,
    "vertical/v1.xml": `<vertical display_name="Unit 1">\n  <html url_name="h1"/>\n  <problem url_name="p1"/>\n</vertical>`,
    "html/h1.xml": `<html filename="h1" display_name="Text"/>`,
    "html/h1.html": `<p>Hello</p>`,
    "problem/p1.xml": `<problem display_name="Q1"><stringresponse answer="a"><textline/></stringresponse></problem>`,
    "policies/2026/policy.json": `{"course/2026": {"display_name": "Test course"}}`,
    "policies/2026/grading_policy.json": `{"GRADER": [], "GRADE_CUTOFFS": {"Pass": 0.5}}`,
    ...extra,
  };
}

/**
 * A gzip bomb: a tiny valid course plus one member of `bytes` zero bytes at `member` (inside the
 * course/ folder). Zeros deflate ~1000:1, so 3 GiB is a ~3 MB file. Written as a stream.
 */
export async function writeGzipBomb(file: string, bytes: number, member: string): Promise<void> {
  const pack = tar.pack();
  const out = pipeline(pack, zlib.createGzip({ level: 9 }), createWriteStream(file));
  const small = (name: string, text: string) =>
    new Promise<void>((resolve, reject) => pack.entry({ name, size: Buffer.byteLength(text) }, text, (err) => (err ? reject(err) : resolve())));
  await small("course/course.xml", `<course url_name="run" org="Bomb" course="B1"/>\n`);
  await small("course/course/run.xml", `<course display_name="Bomb"/>\n`);
  await new Promise<void>((resolve, reject) => {
    const entry = pack.entry({ name: `course/${member}`, size: bytes }, (err) => (err ? reject(err) : resolve()));
    const zeros = Buffer.alloc(1024 * 1024);
    let left = bytes;
    const write = () => {
      while (left > 0) {
        const n = Math.min(left, zeros.length);
        left -= n;
        if (!entry.write(n === zeros.length ? zeros : zeros.subarray(0, n))) {
          entry.once("drain", write);
          return;
        }
      }
      entry.end(() => undefined);
    };
    write();
  });
  pack.finalize();
  await out;
}
