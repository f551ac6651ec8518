// GET /api/lms/courses/<courseKey>/state: the signed-in learner's own state in a course
// (lib/lms/learner-state.ts), read by the courseware's client islands with React Query.
// ?home=1 (the course home) adds `home`: subsection scores, complete unit/subsection/section keys,
// progress and the Resume link (lib/lms/learner-state.ts learnerHomeJson), visible blocks only.
// ?unit=<usage key> (the unit page) adds `unit`: may the caller submit, and their state of each
// problem the unit shows them (learnerUnitJson); 404 for a unit they cannot see.
// 401 anonymous, 404 unknown course, 403 without courseware access (not enrolled, not staff).
// Private to the caller: never stored by a shared cache.
import { loadCourseContext } from "@/lib/lms/course-context";
import { learnerHomeJson, learnerStateJson, learnerUnitJson } from "@/lib/lms/learner-state";
import { safeDecode } from "@/lib/lms/urls";

export const dynamic = "force-dynamic";

const HEADERS = { "Cache-Control": "private, no-store", Vary: "Cookie" };
const error = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status, headers: HEADERS });

export async function GET(req: Request, { params }: { params: Promise<{ courseKey: string }> }) {
  const courseKey = safeDecode((await params).courseKey);
  const ctx = courseKey ? await loadCourseContext(courseKey) : null;
  if (!ctx) return error(404, "not_found:course", "That course does not exist.");
  if (!ctx.user) return error(401, "unauthorized", "Sign in to see your progress.");
  if (!ctx.canViewCourseware) return error(403, "forbidden:course", "You are not enrolled in this course.");
  const query = new URL(req.url).searchParams;
  const unitKey = query.get("unit");
  const [home, unit] = await Promise.all([
    query.get("home") === "1" ? learnerHomeJson(ctx) : undefined,
    unitKey ? learnerUnitJson(ctx, unitKey) : undefined,
  ]);
  if (unit === null) return error(404, "not_found:unit", "That unit is not in this course, or not visible to you.");
  return Response.json({ ...learnerStateJson(ctx), ...(home ? { home } : {}), ...(unit ? { unit } : {}) }, { headers: HEADERS });
}
