// The content store contract: blobs addressed by sha256 (hex), so identical files are stored once.
// Two backends implement it (disk, GridFS); one contract suite (lib/content/contract.test.ts) runs
// against every reachable backend.
import type { Readable } from "node:stream";

export type BlobKind = "asset" | "definition" | "document" | "archive" | "other";

export interface BlobMeta {
  /** e.g. course-v1:Org+Num+Run; informational (GridFS metadata), never part of the address */
  courseKey?: string;
  kind?: BlobKind;
  contentType?: string;
}

export interface BlobInfo {
  hash: string;
  size: number;
}

export interface PutOptions {
  /**
   * Bulk writers (imports) may defer durability: the blob becomes readable and durable at the
   * next flush(), which syncs the whole batch at once instead of one fsync per blob.
   */
  deferSync?: boolean;
}

export interface ContentStore {
  readonly backend: "disk" | "gridfs";
  /** Stores bytes; returns their sha256 and size. Storing the same bytes twice stores one blob. */
  put(data: Buffer | string | Readable, meta?: BlobMeta, opts?: PutOptions): Promise<BlobInfo>;
  /** Makes every put({ deferSync: true }) so far durable and readable. */
  flush(): Promise<void>;
  /** A stream of the blob, optionally a byte range [start, end] inclusive. Throws NotFoundError. */
  get(hash: string, range?: { start: number; end: number }): Promise<Readable>;
  getBuffer(hash: string): Promise<Buffer>;
  /** UTF-8 text of a blob. */
  getText(hash: string): Promise<string>;
  stat(hash: string): Promise<BlobInfo | null>;
  exists(hash: string): Promise<boolean>;
  delete(hash: string): Promise<void>;
  list(): AsyncIterable<BlobInfo>;
  close(): Promise<void>;
}
