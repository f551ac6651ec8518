// Course files uploaded in Studio: a multipart body streamed file by file into the content store
// (never buffered whole), each file capped at STUDIO_ASSET_MAX_BYTES, then recorded in the course's
// working copy (static/<path>); publishing carries the working copy's files to the new version.
// The route authorizes BEFORE this reads a byte.
import "server-only";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { getContentStore } from "@/lib/content";
import { getDraftInfo, listDraftAssets } from "@/lib/db/queries/studio";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { guessContentType } from "@/lib/olx/read";
import { addDraftAsset } from "./service";

export interface StudioFile {
  path: string;
  url: string;
  contentType: string;
  size: number;
}

const MAX_FILES_PER_REQUEST = 20;

/** A safe flat file name under static/ (Open edX keeps course files flat too). */
export function safeAssetName(raw: string): string {
  const base = raw.replace(/\\/g, "/").split("/").pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}._ -]+/gu, "_")
    .replace(/\s+/g, "_")
    .replace(/^[.]+/, "")
    .slice(-200);
  if (!cleaned || cleaned === "." || cleaned === "..") throw new AppError("invalid:upload", "That file name cannot be used.");
  return cleaned;
}

export const fileUrl = (path: string) => `/static/${path}`;

/** Streams every file part of a multipart request into the store and the working copy. */
export async function uploadCourseFiles({ courseId, courseKey, userId, req }: { courseId: number; courseKey: string; userId: number; req: Request }): Promise<StudioFile[]> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data") || !req.body) throw new AppError("invalid:upload", "Send the files as multipart/form-data.");
  const limit = env().STUDIO_ASSET_MAX_BYTES;
  const store = getContentStore();
  const bb = busboy({ headers: { "content-type": type }, limits: { files: MAX_FILES_PER_REQUEST, fileSize: limit + 1, fields: 10 } });
  const pending: Array<Promise<StudioFile & { hash: string }>> = [];
  const done = new Promise<void>((resolve, reject) => {
    bb.on("file", (_field, stream, info) => {
      let name: string;
      try {
        name = safeAssetName(info.filename || "file");
      } catch (err) {
        stream.resume();
        const failed = Promise.reject(err instanceof Error ? err : new Error(String(err)));
        failed.catch(() => undefined);
        pending.push(failed);
        return;
      }
      let seen = 0;
      const cap = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          seen += chunk.length;
          if (seen > limit) cb(new AppError("invalid:upload", `${name} is larger than the ${Math.round(limit / 1024 ** 2)} MB limit.`));
          else cb(null, chunk);
        },
      });
      stream.on("error", (e) => cap.destroy(e));
      const contentType = (info.mimeType && info.mimeType !== "application/octet-stream" ? info.mimeType : guessContentType(name)).slice(0, 128);
      const p = store.put(stream.pipe(cap), { courseKey, kind: "asset", contentType }).then((blob) => ({ path: name, url: fileUrl(name), contentType, size: blob.size, hash: blob.hash }));
      p.catch(() => stream.resume());
      pending.push(p);
    });
    bb.on("filesLimit", () => reject(new AppError("invalid:upload", `Upload at most ${MAX_FILES_PER_REQUEST} files at a time.`)));
    bb.on("error", (e) => reject(e instanceof Error ? e : new Error(String(e))));
    bb.on("close", () => resolve());
  });
  Readable.fromWeb(req.body as unknown as WebReadableStream<Uint8Array>).pipe(bb);
  await done;
  const stored = await Promise.all(pending);
  if (stored.length === 0) throw new AppError("invalid:upload", "Choose at least one file to upload.");
  const out: StudioFile[] = [];
  for (const f of stored) {
    await addDraftAsset({ courseId, userId, file: { path: f.path, hash: f.hash, contentType: f.contentType, size: f.size } });
    out.push({ path: f.path, url: f.url, contentType: f.contentType, size: f.size });
  }
  return out;
}

/** The working copy's files (or the published version's while there is no working copy). */
export async function listCourseFiles({ courseId }: { courseId: number }): Promise<StudioFile[]> {
  const info = await getDraftInfo({ courseId });
  const rows = await listDraftAssets({ versionId: info.versionId });
  return rows.map((a) => ({ path: a.path, url: fileUrl(a.path), contentType: a.contentType, size: a.size }));
}
