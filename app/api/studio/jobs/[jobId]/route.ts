// GET /api/studio/jobs/<id>: an import, export or regrade job's status and progress, read from MySQL (so any
// instance answers, whichever one runs the job). Visible to the user who started it, admins, and
// the team of the course it imports into.
import { NextResponse } from "next/server";
import { getImportJobView } from "@/lib/courses";
import { getExportJobView } from "@/lib/courses/export-jobs";
import { requireCourseAction, requireStudioUser } from "@/lib/courses/studio-access";
import { AppError, errorResponseOf } from "@/lib/errors";
import { getRegradeJobView } from "@/lib/studio/regrade";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ jobId: string }> }) {
  try {
    const user = await requireStudioUser();
    const { jobId } = await ctx.params;
    const id = Number(jobId);
    if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("not_found:job", "There is no such import.");
    const job = (await getImportJobView({ jobId: id })) ?? (await getExportJobView({ jobId: id })) ?? (await getRegradeJobView({ jobId: id }));
    if (!job) throw new AppError("not_found:job", "There is no such import.");
    if (job.createdBy !== user.id && !user.isAdmin) {
      if (!job.courseKey) throw new AppError("not_found:job", "There is no such import.");
      await requireCourseAction({ courseKey: job.courseKey, action: "kind" in job && job.kind === "export" ? "studio:export-course" : "studio:view-course" });
    }
    return NextResponse.json(job, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    const { status, body } = errorResponseOf(err);
    return NextResponse.json(body, { status });
  }
}
