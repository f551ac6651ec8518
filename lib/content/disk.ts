// Disk backend of the content store: one file per blob at <dir>/<aa>/<bb>/<sha256>. Writers stream
// into a private temp file (hashing as they go), fsync it, then rename it into place. rename() is
// atomic, so a reader sees either no blob or the whole blob, and two processes writing the same
// bytes at once both succeed with one file left (the second rename replaces identical bytes).
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { BlobNotFoundError, assertHash, assertRange, isHash } from "./errors";
import type { BlobInfo, BlobMeta, ContentStore, PutOptions } from "./types";

/** syncfs(2) on the filesystem holding `dir` (coreutils `sync -f`); false if unavailable. */
function syncFilesystem(dir: string): Promise<boolean> {
  return new Promise((resolve) => execFile("sync", ["-f", dir], (err) => resolve(!err)));
}

async function fsyncPath(p: string): Promise<void> {
  const fh = await open(p, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export class DiskContentStore implements ContentStore {
  readonly backend = "disk" as const;
  private readonly tmpDir: string;
  private tmpReady = false;
  /** deferred puts: complete temp files waiting for flush() to sync and rename them */
  private pending = new Map<string, string>();

  constructor(readonly dir: string) {
    this.dir = path.resolve(dir);
    this.tmpDir = path.join(this.dir, "tmp");
  }

  private pathOf(hash: string): string {
    assertHash(hash);
    return path.join(this.dir, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  // meta is informational only on disk: the block/asset rows in MySQL carry kind and content type.
  async put(data: Buffer | string | Readable, _meta?: BlobMeta, opts: PutOptions = {}): Promise<BlobInfo> {
    void _meta;
    const defer = opts.deferSync === true;
    if (typeof data === "string" || Buffer.isBuffer(data)) {
      // Bytes in hand: hash first, and skip the write (and its fsync) when the blob is already
      // stored, which makes re-imports of mostly unchanged courses cheap.
      const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      const hash = createHash("sha256").update(buf).digest("hex");
      if (this.pending.has(this.pathOf(hash))) return { hash, size: buf.length };
      const existing = await stat(this.pathOf(hash)).catch(() => null);
      if (existing && existing.size === buf.length) return { hash, size: buf.length };
    }
    if (!this.tmpReady) {
      await mkdir(this.tmpDir, { recursive: true });
      this.tmpReady = true;
    }
    const tmp = path.join(this.tmpDir, `${process.pid}-${randomBytes(8).toString("hex")}`);
    const hasher = createHash("sha256");
    let size = 0;
    try {
      if (typeof data === "string" || Buffer.isBuffer(data)) {
        const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
        hasher.update(buf);
        size = buf.length;
        const fh = await open(tmp, "wx");
        try {
          await fh.writeFile(buf);
          if (!defer) await fh.sync();
        } finally {
          await fh.close();
        }
      } else {
        const tap = new Transform({
          transform(chunk: Buffer, _enc, cb) {
            hasher.update(chunk);
            size += chunk.length;
            cb(null, chunk);
          },
        });
        const out = createWriteStream(tmp, { flags: "wx" });
        await pipeline(data, tap, out);
        if (!defer) await fsyncPath(tmp);
      }
      const hash = hasher.digest("hex");
      const target = this.pathOf(hash);
      const existing = await stat(target).catch(() => null);
      if ((existing && existing.size === size) || (defer && this.pending.has(target))) {
        await unlink(tmp).catch(() => undefined);
      } else if (defer) {
        this.pending.set(target, tmp);
      } else {
        await mkdir(path.dirname(target), { recursive: true });
        await rename(tmp, target);
      }
      return { hash, size };
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }

  // Durable first, visible second: sync the temp files, rename them into place, then sync again
  // so the renames survive a crash. Two syncs for a whole import instead of one fsync per blob.
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending];
    this.pending = new Map();
    if (!(await syncFilesystem(this.dir))) {
      for (const [, tmp] of batch) await fsyncPath(tmp);
    }
    const dirs = new Set<string>(batch.map(([target]) => path.dirname(target)));
    for (const d of dirs) await mkdir(d, { recursive: true });
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < batch.length) {
          const [target, tmp] = batch[next++];
          await rename(tmp, target);
        }
      }),
    );
    if (!(await syncFilesystem(this.dir))) {
      for (const d of dirs) await fsyncPath(d).catch(() => undefined);
    }
  }

  async get(hash: string, range?: { start: number; end: number }): Promise<Readable> {
    const file = this.pathOf(hash);
    const st = await stat(file).catch(() => null);
    if (!st) throw new BlobNotFoundError(hash);
    if (range) {
      assertRange(range, st.size);
      return createReadStream(file, { start: range.start, end: range.end });
    }
    return createReadStream(file);
  }

  async getBuffer(hash: string): Promise<Buffer> {
    const file = this.pathOf(hash);
    const fh = await open(file, "r").catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") throw new BlobNotFoundError(hash);
      throw err;
    });
    try {
      return await fh.readFile();
    } finally {
      await fh.close();
    }
  }

  async getText(hash: string): Promise<string> {
    return (await this.getBuffer(hash)).toString("utf8");
  }

  async stat(hash: string): Promise<BlobInfo | null> {
    const st = await stat(this.pathOf(hash)).catch(() => null);
    return st ? { hash, size: st.size } : null;
  }

  async exists(hash: string): Promise<boolean> {
    return (await this.stat(hash)) !== null;
  }

  async delete(hash: string): Promise<void> {
    await unlink(this.pathOf(hash)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "ENOENT") throw err;
    });
  }

  async *list(): AsyncIterable<BlobInfo> {
    const level = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).filter((n) => /^[0-9a-f]{2}$/.test(n)).sort();
    for (const a of await level(this.dir)) {
      for (const b of await level(path.join(this.dir, a))) {
        const names = (await readdir(path.join(this.dir, a, b)).catch(() => [] as string[])).sort();
        for (const name of names) {
          if (!isHash(name)) continue;
          const st = await stat(path.join(this.dir, a, b, name)).catch(() => null);
          if (st?.isFile()) yield { hash: name, size: st.size };
        }
      }
    }
  }

  async close(): Promise<void> {}

  /** Removes temp files left by crashed writers (older than maxAgeMs). */
  async sweepTemp(maxAgeMs = 3_600_000): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.tmpDir).catch(() => [] as string[])) {
      const p = path.join(this.tmpDir, name);
      const st = await stat(p).catch(() => null);
      if (st && Date.now() - st.mtimeMs > maxAgeMs) {
        await rm(p, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/** Reads a whole stream into a Buffer (for small blobs). */
export async function streamToBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

