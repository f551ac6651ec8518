// GridFS backend of the content store (official mongodb driver). A blob is a GridFS file whose
// filename is its sha256, with metadata { hash, courseKey, kind, contentType }. A stream's hash is
// only known at its end, so streams upload under a temporary name and are renamed to the hash
// once complete; readers only ever look up hash-named files, so they never see a partial upload.
// Two writers racing on the same bytes may leave two identical files with that name: reads take
// either, delete removes all of them.
import { createHash, randomBytes } from "node:crypto";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GridFSBucket, MongoClient, type Db as MongoDb, type GridFSFile } from "mongodb";
import { BlobNotFoundError, assertHash, assertRange } from "./errors";
import type { BlobInfo, BlobMeta, ContentStore } from "./types";

const BUCKET = "content";
const TMP_PREFIX = "tmp-";

export class GridFsContentStore implements ContentStore {
  readonly backend = "gridfs" as const;
  private readonly client: MongoClient;
  private readonly dbName: string;
  private bucketPromise: Promise<{ db: MongoDb; bucket: GridFSBucket }> | null = null;

  constructor(opts: { url: string; dbName: string; serverSelectionTimeoutMS?: number }) {
    this.client = new MongoClient(opts.url, { serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? 5_000 });
    this.dbName = opts.dbName;
  }

  private async open(): Promise<{ db: MongoDb; bucket: GridFSBucket }> {
    this.bucketPromise ??= (async () => {
      await this.client.connect();
      const db = this.client.db(this.dbName);
      const bucket = new GridFSBucket(db, { bucketName: BUCKET });
      await db.collection(`${BUCKET}.files`).createIndex({ "metadata.hash": 1 });
      return { db, bucket };
    })();
    try {
      return await this.bucketPromise;
    } catch (err) {
      this.bucketPromise = null;
      throw err;
    }
  }

  private async findFile(hash: string): Promise<GridFSFile | null> {
    assertHash(hash);
    const { bucket } = await this.open();
    const [file] = await bucket.find({ filename: hash }).sort({ uploadDate: 1 }).limit(1).toArray();
    return file ?? null;
  }

  async put(data: Buffer | string | Readable, meta: BlobMeta = {}): Promise<BlobInfo> {
    const { db, bucket } = await this.open();
    const metadata = { courseKey: meta.courseKey ?? null, kind: meta.kind ?? "other", contentType: meta.contentType ?? null };
    if (typeof data === "string" || Buffer.isBuffer(data)) {
      const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      const hash = createHash("sha256").update(buf).digest("hex");
      if (await this.findFile(hash)) return { hash, size: buf.length };
      await pipeline(Readable.from([buf]), bucket.openUploadStream(hash, { metadata: { ...metadata, hash } }));
      return { hash, size: buf.length };
    }
    const hasher = createHash("sha256");
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hasher.update(chunk);
        size += chunk.length;
        cb(null, chunk);
      },
    });
    const upload = bucket.openUploadStream(`${TMP_PREFIX}${randomBytes(12).toString("hex")}`, { metadata: { ...metadata, hash: null } });
    try {
      await pipeline(data, tap, upload);
    } catch (err) {
      await bucket.delete(upload.id).catch(() => undefined);
      throw err;
    }
    const hash = hasher.digest("hex");
    if (await this.findFile(hash)) {
      await bucket.delete(upload.id);
    } else {
      await db.collection(`${BUCKET}.files`).updateOne({ _id: upload.id }, { $set: { filename: hash, "metadata.hash": hash } });
    }
    return { hash, size };
  }

  // Each GridFS upload is acknowledged by the server's write concern; nothing is deferred.
  async flush(): Promise<void> {}

  async get(hash: string, range?: { start: number; end: number }): Promise<Readable> {
    const file = await this.findFile(hash);
    if (!file) throw new BlobNotFoundError(hash);
    const { bucket } = await this.open();
    if (range) {
      assertRange(range, file.length);
      // GridFS's end is exclusive; the contract's is inclusive (HTTP Range).
      return bucket.openDownloadStream(file._id, { start: range.start, end: range.end + 1 });
    }
    return bucket.openDownloadStream(file._id);
  }

  async getBuffer(hash: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of await this.get(hash)) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  async getText(hash: string): Promise<string> {
    return (await this.getBuffer(hash)).toString("utf8");
  }

  async stat(hash: string): Promise<BlobInfo | null> {
    const file = await this.findFile(hash);
    return file ? { hash, size: file.length } : null;
  }

  async exists(hash: string): Promise<boolean> {
    return (await this.findFile(hash)) !== null;
  }

  async delete(hash: string): Promise<void> {
    assertHash(hash);
    const { bucket } = await this.open();
    for (const f of await bucket.find({ filename: hash }).toArray()) await bucket.delete(f._id).catch(() => undefined);
  }

  async *list(): AsyncIterable<BlobInfo> {
    const { bucket } = await this.open();
    let last = "";
    for await (const f of bucket.find({ filename: { $regex: /^[0-9a-f]{64}$/ } }).sort({ filename: 1 })) {
      if (f.filename === last) continue;
      last = f.filename;
      yield { hash: f.filename, size: f.length };
    }
  }

  async close(): Promise<void> {
    this.bucketPromise = null;
    await this.client.close();
  }
}
