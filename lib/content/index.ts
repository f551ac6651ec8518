// The content store's public face: getContentStore() returns the process-wide store for the
// configured backend (CONTENT_STORE=disk|gridfs, CONTENT_DIR, MONGODB_URL, MONGODB_DB).
import { env } from "@/lib/env";
import { DiskContentStore } from "./disk";
import { GridFsContentStore } from "./gridfs";
import type { ContentStore } from "./types";

export type { BlobInfo, BlobKind, BlobMeta, ContentStore } from "./types";
export { BlobNotFoundError, InvalidBlobHashError, InvalidRangeError, isHash } from "./errors";
export { DiskContentStore, streamToBuffer } from "./disk";
export { GridFsContentStore } from "./gridfs";

type Cached = { key: string; store: ContentStore };
const g = globalThis as unknown as { __atriumContentStore?: Cached };

export function createContentStore(opts: { backend: "disk" | "gridfs"; dir?: string; mongoUrl?: string; mongoDb?: string }): ContentStore {
  if (opts.backend === "gridfs") {
    if (!opts.mongoUrl) throw new Error("MONGODB_URL is required for the GridFS content store");
    return new GridFsContentStore({ url: opts.mongoUrl, dbName: opts.mongoDb ?? "atrium" });
  }
  return new DiskContentStore(opts.dir ?? "./var/content");
}

/** The process-wide content store (cached; recreated if the configuration changes). */
export function getContentStore(): ContentStore {
  const e = env();
  const key = e.CONTENT_STORE === "gridfs" ? `gridfs:${e.MONGODB_URL}:${e.MONGODB_DB}` : `disk:${e.CONTENT_DIR}`;
  if (!g.__atriumContentStore || g.__atriumContentStore.key !== key) {
    const store = createContentStore({ backend: e.CONTENT_STORE, dir: e.CONTENT_DIR, mongoUrl: e.MONGODB_URL, mongoDb: e.MONGODB_DB });
    g.__atriumContentStore = { key, store };
  }
  return g.__atriumContentStore.store;
}

/** Closes the process-wide store (scripts call this before exiting). */
export async function closeContentStore(): Promise<void> {
  const cached = g.__atriumContentStore;
  g.__atriumContentStore = undefined;
  if (cached) await cached.store.close();
}
