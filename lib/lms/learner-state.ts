import "server-only";
// What belongs to one learner in one course, as the JSON the unit page's client islands read
// (GET /api/lms/courses/<key>/state): enrollment, completion marks, bookmarks, Resume, and, for
// the course home only (?scores=1, a grades query the unit page does not pay for), the learner's
// persisted subsection scores. The pages
// themselves render only what depends on the course version and the audience, so this is the
// only per-learner data the courseware needs on the client. Only keys of blocks the caller may
// see leave the server: a bookmark or completion of a unit that is now staff-only or not yet
// released is dropped, so this endpoint never names hidden content.
import { getLearnerView } from "@/lib/db/queries/courseware";
import { listSubsectionGrades } from "@/lib/db/queries/grades";
import type { CourseContext } from "@/lib/lms/course-context";
import { componentsOf } from "@/lib/lms/outline";

export interface LearnerStateJson {
  enrolled: boolean;
  isStaff: boolean;
  viewingAsLearner: boolean;
  /** completed component and unit usage keys, visible ones only */
  completed: string[];
  /** bookmarked unit usage keys, visible ones only */
  bookmarks: string[];
  /** the unit Resume returns to, if still visible */
  lastUnitKey: string | null;
}

export type SubsectionScoresJson = Record<string, { earned: number; possible: number }>;

/** The caller's state in the course, filtered to what their view shows. The caller checks access first. */
export function learnerStateJson(ctx: CourseContext): LearnerStateJson {
  const view = getLearnerView({ version: ctx.version, viewer: ctx.viewer });
  const visible = new Set<string>();
  for (const u of view.units) {
    visible.add(u.unit.usageKey);
    for (const c of componentsOf(u.unit, ctx.viewer)) visible.add(c.usageKey);
  }
  const { state } = ctx;
  return {
    enrolled: state.enrolled,
    isStaff: ctx.isStaff,
    viewingAsLearner: ctx.viewingAsLearner,
    completed: [...state.completed].filter((k) => visible.has(k)),
    bookmarks: [...state.bookmarks].filter((k) => visible.has(k)),
    lastUnitKey: state.lastUnitKey && visible.has(state.lastUnitKey) ? state.lastUnitKey : null,
  };
}

/** The caller's persisted subsection scores by subsection usage key, visible subsections only. The caller checks access first. */
export async function learnerScoresJson(ctx: CourseContext): Promise<SubsectionScoresJson> {
  if (!ctx.user) return {};
  const view = getLearnerView({ version: ctx.version, viewer: ctx.viewer });
  const visible = new Set(view.sections.flatMap((s) => s.subsections.map((sub) => sub.node.usageKey)));
  const grades = await listSubsectionGrades({ userId: ctx.user.id, courseId: ctx.course.id });
  const out: SubsectionScoresJson = {};
  for (const g of grades) if (visible.has(g.usageKey)) out[g.usageKey] = { earned: g.earned, possible: g.possible };
  return out;
}
