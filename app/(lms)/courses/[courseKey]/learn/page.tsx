// /courses/<key>/learn: Resume (the last visited unit) or the first visible unit.
import { notFound, redirect } from "next/navigation";
import { getLearnerView } from "@/lib/db/queries/courseware";
import { courseHref, learnHref, safeDecode } from "@/lib/lms/urls";
import { requireCourseware } from "@/lib/lms/course-context";

export const dynamic = "force-dynamic";

export default async function LearnIndex({ params }: { params: Promise<{ courseKey: string }> }) {
  const raw = (await params).courseKey;
  const courseKey = safeDecode(raw);
  const ctx = await requireCourseware(courseKey, `${courseHref(courseKey ?? raw)}/learn`);
  const view = getLearnerView({ version: ctx.version, viewer: ctx.viewer });
  const target = view.units.find((u) => u.unit.usageKey === ctx.state.lastUnitKey) ?? view.units[0];
  if (!target) notFound();
  redirect(learnHref(ctx.course.courseKey, target.subsection.urlName, target.unit.urlName));
}
