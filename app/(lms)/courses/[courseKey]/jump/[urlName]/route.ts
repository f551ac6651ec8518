// /courses/<key>/jump/<url_name>: resolves Open edX's /jump_to_id/<url_name> links to the unit
// that holds the block (if the caller may see it), else 404.
import { NextResponse } from "next/server";
import { getLearnerView } from "@/lib/db/queries/courseware";
import { unitKeyOf } from "@/lib/lms/outline";
import { aboutHref, learnHref, safeDecode } from "@/lib/lms/urls";
import { loadCourseContext } from "../../../../_lib/course-context";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ courseKey: string; urlName: string }> }) {
  const p = await params;
  const courseKey = safeDecode(p.courseKey);
  const urlName = safeDecode(p.urlName);
  const ctx = courseKey ? await loadCourseContext(courseKey) : null;
  if (!ctx || urlName === null) return new NextResponse("Not found", { status: 404 });
  const base = new URL(req.url);
  if (!ctx.user) return NextResponse.redirect(new URL(`/login?callbackUrl=${encodeURIComponent(base.pathname)}`, base));
  if (!ctx.canViewCourseware) return NextResponse.redirect(new URL(`${aboutHref(ctx.course.courseKey)}?notice=enroll-required`, base));
  const { outline } = ctx.version;
  const view = getLearnerView({ version: ctx.version, viewer: ctx.viewer });
  for (const node of outline.byKey.values()) {
    if (node.urlName !== urlName) continue;
    const unitKey = unitKeyOf(outline, node.usageKey);
    const ref = view.units.find((u) => u.unit.usageKey === unitKey) ?? view.units.find((u) => u.subsection.usageKey === node.usageKey || u.section.usageKey === node.usageKey);
    if (ref) return NextResponse.redirect(new URL(learnHref(ctx.course.courseKey, ref.subsection.urlName, ref.unit.urlName), base));
  }
  return new NextResponse("Not found", { status: 404 });
}
