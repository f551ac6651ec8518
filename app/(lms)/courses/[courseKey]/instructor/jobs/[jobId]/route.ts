// GET …/instructor/jobs/<id>: a rescore job's status and progress, read from MySQL (any instance
// answers, whichever runs the job). Only the course's staff may read it.
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { getJob } from "@/lib/db/queries/jobs";
import { AppError, errorResponseOf } from "@/lib/errors";
import { safeDecode } from "@/lib/lms/urls";
import { RESCORE_JOB_KIND } from "@/lib/problems";
import { authorizeCourseAction } from "@/lib/problems/access";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ courseKey: string; jobId: string }> }) {
  try {
    const { courseKey: raw, jobId } = await ctx.params;
    const courseKey = safeDecode(raw);
    if (!courseKey) throw new AppError("not_found:course", "This course is not available.");
    const user = await getCurrentUser();
    if (!user) throw new AppError("unauthorized", "Please sign in to continue.");
    const { course } = await authorizeCourseAction({ user, courseKey, action: "course:rescore" });
    const id = Number(jobId);
    const job = Number.isSafeInteger(id) && id > 0 ? await getJob({ id }) : null;
    if (!job || job.kind !== RESCORE_JOB_KIND || job.courseKey !== course.courseKey) throw new AppError("not_found:job", "There is no such rescore job.");
    return NextResponse.json(
      { id: job.id, status: job.status, progress: job.progress, result: job.result, error: job.error, usageKey: job.payload?.usageKey ?? null },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (err) {
    const { status, body } = errorResponseOf(err);
    return NextResponse.json(body, { status });
  }
}
