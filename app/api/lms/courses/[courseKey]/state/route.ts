// GET /api/lms/courses/<courseKey>/state: the signed-in learner's own state in a course, as
// lib/lms/state-route.ts describes it. proxy.ts answers a GET of this URL itself (the same
// learnerStateAnswer); Next reaches this handler for the rest (a HEAD).
import { loadCourseContext } from "@/lib/lms/course-context";
import { learnerStateAnswer } from "@/lib/lms/state-route";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ courseKey: string }> }) {
  return learnerStateAnswer((await params).courseKey, loadCourseContext, new URL(req.url).searchParams);
}
