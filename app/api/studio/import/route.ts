// POST /api/studio/import: the request body is the .tar.gz itself (streamed into the content
// store, never buffered whole), then an import job starts. Query: ?name=<file name>, and
// ?courseKey=<key> for a re-import from a course page (the archive must be that course).
// Answers 202 { jobId }; the client polls /api/studio/jobs/<jobId>.
import { Readable, Transform } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { NextResponse, type NextRequest } from "next/server";
import { getContentStore } from "@/lib/content";
import { startImportJob } from "@/lib/courses";
import { decodeCourseKey, requireCourseAction, requireStudioUser } from "@/lib/courses/studio-access";
import { env } from "@/lib/env";
import { AppError, errorResponseOf } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function POST(req: NextRequest) {
  try {
    const user = await requireStudioUser();
    const rawKey = req.nextUrl.searchParams.get("courseKey");
    const expectedCourseKey = rawKey ? decodeCourseKey(rawKey) : undefined;
    if (expectedCourseKey) await requireCourseAction({ courseKey: expectedCourseKey, action: "studio:import-course" });
    const fileName = (req.nextUrl.searchParams.get("name") ?? "upload.tar.gz").slice(0, 255);
    if (!req.body) throw new AppError("invalid:upload", "Choose a .tar.gz course export to upload.");
    const limit = env().IMPORT_MAX_UNPACKED_BYTES;
    let seen = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        seen += chunk.length;
        if (seen > limit) cb(new AppError("invalid:upload", `The upload is larger than the ${Math.round(limit / 1024 ** 2)} MB limit.`));
        else cb(null, chunk);
      },
    });
    const body = Readable.fromWeb(req.body as unknown as WebReadableStream<Uint8Array>).pipe(cap);
    const blob = await getContentStore().put(body, { kind: "archive", contentType: "application/gzip" });
    if (blob.size === 0) throw new AppError("invalid:upload", "The uploaded file is empty.");
    const { jobId } = await startImportJob({ blobHash: blob.hash, userId: user.id, fileName, expectedCourseKey });
    return NextResponse.json({ jobId }, { status: 202 });
  } catch (err) {
    const { status, body } = errorResponseOf(err);
    return NextResponse.json(body, { status });
  }
}
