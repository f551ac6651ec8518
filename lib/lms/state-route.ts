import "server-only";
// GET /api/lms/courses/<courseKey>/state: the signed-in learner's own state in a course
// (lib/lms/learner-state.ts), read by the courseware's client islands with React Query.
// ?home=1 (the course home) adds `home`: subsection scores, complete unit/subsection/section keys,
// progress and the Resume link (lib/lms/learner-state.ts learnerHomeJson), visible blocks only.
// ?unit=<usage key> (the unit page) adds `unit`: may the caller submit, and their state of each
// problem the unit shows them (learnerUnitJson); 404 for a unit they cannot see.
// 401 anonymous, 404 unknown course, 403 without courseware access (not enrolled, not staff);
// 503 with a message while the database is out of reach. Private to the caller: never stored by
// a shared cache.
// Answered by proxy.ts for every GET (lib/proxy-reads.ts: the caller from the request's cookies,
// without Next's route machinery) and by the route file for the rest, both through learnerStateAnswer.
import { errorResponseOf } from "@/lib/errors";
import { courseContextOfCookies, type CourseContext } from "@/lib/lms/course-context";
import { learnerHomeJson, learnerStateJson, learnerUnitJson } from "@/lib/lms/learner-state";
import { safeDecode } from "@/lib/lms/urls";
import { PRIVATE_JSON_HEADERS } from "@/lib/security-headers";

const error = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status, headers: PRIVATE_JSON_HEADERS });

/** The answer for the course key as it stands in the URL (still encoded); `contextOf` loads the caller's context. */
export async function learnerStateAnswer(rawCourseKey: string, contextOf: (courseKey: string) => Promise<CourseContext | null>, query: URLSearchParams): Promise<Response> {
  try {
    const courseKey = safeDecode(rawCourseKey);
    const ctx = courseKey ? await contextOf(courseKey) : null;
    if (!ctx) return error(404, "not_found:course", "That course does not exist.");
    if (!ctx.user) return error(401, "unauthorized", "Sign in to see your progress.");
    if (!ctx.canViewCourseware) return error(403, "forbidden:course", "You are not enrolled in this course.");
    const unitKey = query.get("unit");
    const [home, unit] = await Promise.all([
      query.get("home") === "1" ? learnerHomeJson(ctx) : undefined,
      unitKey ? learnerUnitJson(ctx, unitKey) : undefined,
    ]);
    if (unit === null) return error(404, "not_found:unit", "That unit is not in this course, or not visible to you.");
    return Response.json({ ...learnerStateJson(ctx), ...(home ? { home } : {}), ...(unit ? { unit } : {}) }, { headers: PRIVATE_JSON_HEADERS });
  } catch (err) {
    const { status, body } = errorResponseOf(err);
    return Response.json(body, { status, headers: PRIVATE_JSON_HEADERS });
  }
}

const PATH = /^\/api\/lms\/courses\/([^/]+)\/state$/;

/** proxy.ts's answer to a GET of `url` when it is this route, else null. */
export function answerStateRead(url: URL, cookies: { name: string; value: string }[]): Promise<Response> | null {
  const m = PATH.exec(url.pathname);
  return m ? learnerStateAnswer(m[1], (courseKey) => courseContextOfCookies(courseKey, cookies), url.searchParams) : null;
}
