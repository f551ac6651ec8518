"use server";
// Called by the unit page AFTER it has rendered (so the page GET stays a pure read): marks the
// unit's html/video/other components complete (problems complete when answered) and remembers
// the unit for Resume. Tampered or hidden ids are refused and logged.
import { z } from "zod";
import { userAction, fail } from "@/lib/actions";
import { markCompleted } from "@/lib/db/queries/completion";
import { setLastVisitedUnit } from "@/lib/db/queries/enrollments";
import { getLearnerView } from "@/lib/db/queries/courseware";
import { componentsOf } from "@/lib/lms/outline";
import { loadLearnerContent } from "@/lib/lms/personalize";
import { loadCourseContext } from "@/lib/lms/course-context";

const schema = z.object({ courseKey: z.string().min(1).max(255), unitKey: z.string().min(1).max(512) });

export const recordUnitViewAction = userAction(schema, async ({ courseKey, unitKey }, { user }) => {
  const ctx = await loadCourseContext(courseKey);
  if (!ctx || !ctx.canViewCourseware) {
    console.warn(`[lms] unit view refused: user ${user.id} has no courseware access to ${JSON.stringify(courseKey)}`);
    return fail("forbidden:course", "You are not enrolled in this course.");
  }
  const view = getLearnerView({ version: ctx.version, viewer: ctx.viewer });
  const ref = view.units.find((u) => u.unit.usageKey === unitKey);
  if (!ref) {
    console.warn(`[lms] unit view refused: user ${user.id} sent unknown or hidden unit ${JSON.stringify(unitKey)} for ${courseKey}`);
    return fail("not_found:block", "That unit does not exist.");
  }
  // Persists the library picks / split_test groups the page showed (the same pure function of the stored ones).
  const content = await loadLearnerContent({ outline: ctx.version.outline, userId: user.id, courseId: ctx.course.id, completed: ctx.state.completed, persist: true });
  const components = componentsOf(ref.unit, content ? { ...ctx.viewer, content } : ctx.viewer);
  const keys = components.filter((c) => c.type !== "problem" && c.type !== "conditional").map((c) => c.usageKey);
  if (!components.length) keys.push(ref.unit.usageKey);
  const [added] = await Promise.all([
    markCompleted({ userId: user.id, courseId: ctx.course.id, usageKeys: keys }),
    ctx.facts.enrolled ? setLastVisitedUnit({ userId: user.id, courseId: ctx.course.id, unitKey }) : Promise.resolve(),
  ]);
  return { completed: keys.length, added };
});
