// /courses/<key>/jump/<url_name>: resolves Open edX's /jump_to_id/<url_name> links to the unit
// that holds the block (if the caller may see it), else 404.
import { getLearnerView } from "@/lib/db/queries/courseware";
import { unitKeyOf } from "@/lib/lms/outline";
import { aboutHref, learnHref, safeDecode } from "@/lib/lms/urls";
import { loadCourseContext } from "@/lib/lms/course-context";

export const dynamic = "force-dynamic";

/** A relative Location: behind proxies or with 127.0.0.1 vs localhost, req.url's host may not be the browser's. */
function redirectTo(path: string): Response {
  return new Response(null, { status: 307, headers: { Location: path, "Cache-Control": "no-store" } });
}

const notFoundResponse = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function GET(req: Request, { params }: { params: Promise<{ courseKey: string; urlName: string }> }) {
  const p = await params;
  const courseKey = safeDecode(p.courseKey);
  const urlName = safeDecode(p.urlName);
  const ctx = courseKey ? await loadCourseContext(courseKey) : null;
  if (!ctx || urlName === null) return notFoundResponse();
  const base = new URL(req.url);
  if (!ctx.user) return redirectTo(`/login?callbackUrl=${encodeURIComponent(base.pathname)}`);
  if (!ctx.canViewCourseware) return redirectTo(`${aboutHref(ctx.course.courseKey)}?notice=enroll-required`);
  const { outline } = ctx.version;
  const view = getLearnerView({ version: ctx.version, viewer: ctx.viewer });
  for (const node of outline.byKey.values()) {
    if (node.urlName !== urlName) continue;
    const unitKey = unitKeyOf(outline, node.usageKey);
    const ref = view.units.find((u) => u.unit.usageKey === unitKey) ?? view.units.find((u) => u.subsection.usageKey === node.usageKey || u.section.usageKey === node.usageKey);
    if (ref) return redirectTo(learnHref(ctx.course.courseKey, ref.subsection.urlName, ref.unit.urlName));
  }
  return notFoundResponse();
}
