// GET /api/studio/jobs/<id>/download: the archive an export job stored, for the course's team
// (studio:export-course on the job's course, checked here on every download).
import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { getContentStore } from "@/lib/content";
import { getExportBlob } from "@/lib/courses/export-jobs";
import { requireCourseAction } from "@/lib/courses/studio-access";
import { AppError, errorResponseOf } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ jobId: string }> }) {
  try {
    const id = Number((await ctx.params).jobId);
    if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("not_found:job", "There is no such export.");
    const found = await getExportBlob({ jobId: id });
    if (!found) throw new AppError("not_found:job", "There is no finished export with that number.");
    await requireCourseAction({ courseKey: found.courseKey, action: "studio:export-course" });
    const stream = await getContentStore().get(found.result.blobHash);
    return new Response(Readable.toWeb(stream) as unknown as ReadableStream, {
      headers: {
        "content-type": "application/gzip",
        "content-length": String(found.result.size),
        "content-disposition": `attachment; filename="${found.result.fileName}"`,
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    const { status, body } = errorResponseOf(err);
    return NextResponse.json(body, { status });
  }
}
