// GET /api/studio/courses/<course key>/export[?version=<id>]: streams the course as an Open edX
// .tar.gz (built from MySQL + the content store while it downloads).
import { PassThrough, Readable } from "node:stream";
import { NextResponse, type NextRequest } from "next/server";
import { exportCourse } from "@/lib/courses";
import { decodeCourseKey, requireCourseAction } from "@/lib/courses/studio-access";
import { getVersion } from "@/lib/db/queries/courses";
import { AppError, errorResponseOf } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, ctx: { params: Promise<{ courseKey: string }> }) {
  try {
    const courseKey = decodeCourseKey((await ctx.params).courseKey);
    const { course } = await requireCourseAction({ courseKey, action: "studio:export-course" });
    const raw = req.nextUrl.searchParams.get("version");
    const versionId = raw ? Number(raw) : (course.publishedVersionId ?? undefined);
    if (!versionId || !Number.isSafeInteger(versionId)) throw new AppError("not_found:version", "This course has no published version to export.");
    const version = await getVersion({ id: versionId });
    if (!version || version.courseId !== course.id) throw new AppError("not_found:version", "That version does not belong to this course.");

    const out = new PassThrough();
    exportCourse({ courseKey, out, versionId }).catch((err: unknown) => {
      // Headers are already sent: all we can do is cut the download short so it is not mistaken for a whole archive.
      console.error(`[atrium] export of ${courseKey} failed`, err);
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    const fileName = `${course.org}_${course.number}_${course.run}_v${versionId}.tar.gz`.replace(/[^A-Za-z0-9._-]/g, "_");
    return new Response(Readable.toWeb(out) as unknown as ReadableStream, {
      headers: {
        "content-type": "application/gzip",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    const { status, body } = errorResponseOf(err);
    return NextResponse.json(body, { status });
  }
}
