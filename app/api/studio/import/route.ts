// POST /api/studio/import: the request body is the .tar.gz itself, then an import job starts.
// Query: ?name=<file name>, and ?courseKey=<key> for a re-import from a course page (the archive
// must be that course). Answers 202 { jobId }; the client polls /api/studio/jobs/<jobId>.
//
// This route is the only way an archive enters Atrium over HTTP (server actions keep Next's small
// body limit, next.config.ts). In order, before anything is stored:
//   1. the caller must be allowed: a Studio user on the course's team (re-import), or one who may
//      create courses (no courseKey: the archive may be a new course);
//   2. a declared Content-Length over IMPORT_MAX_UPLOAD_BYTES is refused without reading the body;
// then the body is streamed into the content store (disk or GridFS, never buffered whole) and
// reading stops at IMPORT_MAX_UPLOAD_BYTES (the partial blob is discarded). The job re-checks
// the caller against the course the archive turns out to be.
import { Readable, Transform } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { NextResponse, type NextRequest } from "next/server";
import { actorOf } from "@/lib/auth/session";
import { canGlobal } from "@/lib/auth/permissions";
import { getContentStore } from "@/lib/content";
import { startImportJob } from "@/lib/courses";
import { decodeCourseKey, requireCourseAction, requireStudioUser } from "@/lib/courses/studio-access";
import { env } from "@/lib/env";
import { AppError, errorResponseOf } from "@/lib/errors";

export const dynamic = "force-dynamic";

const TOO_LARGE = "invalid:upload-too-large";

function tooLarge(limit: number): AppError {
  const mb = Math.round((limit / 1024 ** 2) * 10) / 10;
  return new AppError(TOO_LARGE, `The upload is larger than the ${mb} MB limit for course archives (IMPORT_MAX_UPLOAD_BYTES); nothing was stored.`);
}

export async function POST(req: NextRequest) {
  try {
    const user = await requireStudioUser();
    const rawKey = req.nextUrl.searchParams.get("courseKey");
    const expectedCourseKey = rawKey ? decodeCourseKey(rawKey) : undefined;
    if (expectedCourseKey) {
      await requireCourseAction({ courseKey: expectedCourseKey, action: "studio:import-course" });
    } else if (!canGlobal(actorOf(user), "studio:create-course")) {
      throw new AppError(
        "forbidden:course",
        "You may not create courses. To re-import a course you are on the team of, use Re-import on that course's Studio page.",
      );
    }
    const fileName = (req.nextUrl.searchParams.get("name") ?? "upload.tar.gz").slice(0, 255);
    const limit = env().IMPORT_MAX_UPLOAD_BYTES;
    const declared = Number(req.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
    if (!req.body) throw new AppError("invalid:upload", "Choose a .tar.gz course export to upload.");

    const web = req.body as unknown as WebReadableStream<Uint8Array>;
    let seen = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        seen += chunk.length;
        if (seen > limit) cb(tooLarge(limit));
        else cb(null, chunk);
      },
    });
    const source = Readable.fromWeb(web);
    let blob;
    try {
      blob = await getContentStore().put(source.pipe(cap), { kind: "archive", contentType: "application/gzip" });
    } catch (err) {
      // Stop reading the request at once (the store has removed its partial temp file).
      source.destroy();
      throw err;
    }
    if (blob.size === 0) throw new AppError("invalid:upload", "The uploaded file is empty.");
    const { jobId } = await startImportJob({ blobHash: blob.hash, userId: user.id, fileName, expectedCourseKey });
    return NextResponse.json({ jobId }, { status: 202 });
  } catch (err) {
    const { status, body } = errorResponseOf(err);
    return NextResponse.json(body, { status: body.error.code === TOO_LARGE ? 413 : status });
  }
}
