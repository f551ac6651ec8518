import "server-only";
// What belongs to one learner in one course, as the JSON the unit page's client islands read
// (GET /api/lms/courses/<key>/state): enrollment, completion marks, bookmarks, Resume, and, for
// the course home only (?home=1, a grades query the unit page does not pay for), the learner's
// persisted subsection scores, which units, subsections and sections are complete, progress % and
// the Resume link; for one unit (?unit=<usage key>), the learner's state of each of its problems,
// and the render of each problem that differs per learner (their seed, or more).
// The pages themselves render only what depends on the course version and the audience, so this is the
// only per-learner data the courseware needs on the client. Only keys of blocks the caller may
// see leave the server: a bookmark or completion of a unit that is now staff-only or not yet
// released is dropped, so this endpoint never names hidden content.
import { getLearnerView, problemRenderVariance } from "@/lib/db/queries/courseware";
import { listSubsectionGrades } from "@/lib/db/queries/grades";
import { listProblemStatesFor } from "@/lib/db/queries/problems";
import { canCourse } from "@/lib/auth/permissions";
import { loadLearnerContent } from "@/lib/lms/personalize";
import { learnerProblemJson, learnerProblemStaticView, type LearnerProblemJson } from "@/lib/problems/service";
import type { CourseContext } from "@/lib/lms/course-context";
import { componentsOf, holdsLearnerChoices, visibleKeysOf } from "@/lib/lms/outline";
import { courseProgress, isUnitComplete } from "@/lib/lms/progress";
import { learnHref } from "@/lib/lms/urls";

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

/** What the course home shows of one learner (GET …/state?home=1), computed here so the page's
 *  shared HTML carries only unit, subsection and section keys, not every component's. */
export interface LearnerHomeJson {
  /** persisted subsection scores, visible subsections only */
  scores: SubsectionScoresJson;
  /** usage keys of the complete units, subsections and sections */
  complete: string[];
  /** course progress: completed ÷ all completion keys of the visible units, in % */
  percent: number;
  /** where Resume goes (the last unit opened, if still visible) */
  resumeHref: string | null;
}

/** What the unit page shows of one learner beyond LearnerStateJson (GET …/state?unit=<usage key>). */
export interface LearnerUnitJson {
  /** the unit's usage key */
  key: string;
  /** may the caller submit answers in this course (enrolled learners and staff) */
  canSubmit: boolean;
  /** url_names of the complete units of this unit's subsection (the sequence bar's ✓) */
  completeUnits: string[];
  /** the caller's state of each problem the unit shows them, by usage key */
  problems: Record<string, LearnerProblemJson>;
}

/**
 * The caller's state of the problems in one unit, which the unit page's problems read instead of
 * having it rendered into the page (so the unit's page is shared by every learner), with the
 * caller's own render of each problem that differs per learner. null when the unit is not one the
 * caller may see. The caller checks access first.
 */
export async function learnerUnitJson(ctx: CourseContext, unitKey: string, now = new Date()): Promise<LearnerUnitJson | null> {
  const view = getLearnerView({ version: ctx.version, viewer: ctx.viewer });
  const ref = view.units.find((u) => u.unit.usageKey === unitKey);
  if (!ref || !ctx.user) return null;
  // The learner's library picks, split_test group and conditional outcomes decide which problems
  // show and when a unit is complete: read (two queries and a walk of the course) only when the
  // subsection holds such blocks.
  const subUnits = view.units.filter((u) => u.subsection.usageKey === ref.subsection.usageKey).map((u) => u.unit);
  const content = subUnits.some(holdsLearnerChoices)
    ? await loadLearnerContent({ outline: ctx.version.outline, userId: ctx.user.id, courseId: ctx.course.id, completed: ctx.state.completed })
    : undefined;
  const learner = content ? { ...ctx.viewer, content } : ctx.viewer;
  const problems = componentsOf(ref.unit, learner).filter((c) => c.type === "problem");
  const completeUnits = subUnits.filter((u) => isUnitComplete(u, learner, ctx.state.completed)).map((u) => u.urlName);
  const rows = await listProblemStatesFor({ userId: ctx.user.id, courseId: ctx.course.id, usageKeys: problems.map((p) => p.usageKey) });
  const stateOf = new Map(rows.map((r) => [r.usageKey, r]));
  const out: Record<string, LearnerProblemJson> = {};
  const user = ctx.user;
  await Promise.all(
    problems.map(async (p) => {
      const state = stateOf.get(p.usageKey) ?? null;
      const json = learnerProblemJson({ settings: p.settings, state, signedIn: true, isStaff: ctx.isStaff, now });
      // A problem that differs per learner is not in the shared page: its render comes with the state.
      const variance = p.definitionHash ? await problemRenderVariance({ hash: p.definitionHash }) : "none";
      if (variance !== "none") {
        json.view = await learnerProblemStaticView({
          versionId: ctx.version.versionId,
          courseKey: ctx.course.courseKey,
          usageKey: p.usageKey,
          definitionHash: p.definitionHash!,
          settings: p.settings,
          variance,
          userId: user.id,
          storedSeed: state?.seed ?? null,
          isStaff: ctx.viewer.staff,
        });
      }
      out[p.usageKey] = json;
    }),
  );
  return { key: unitKey, canSubmit: canCourse(ctx.actor, "course:submit-answer", ctx.facts), completeUnits, problems: out };
}

/** The caller's state in the course, filtered to what their view shows. The caller checks access first. */
export function learnerStateJson(ctx: CourseContext): LearnerStateJson {
  // What the audience may see, once per cached view (not walked per request); a learner's own
  // completions and bookmarks are only ever on blocks they were shown.
  const visible = visibleKeysOf(getLearnerView({ version: ctx.version, viewer: ctx.viewer }), ctx.viewer);
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

/** The course home's learner parts: scores, completion marks, progress and Resume. The caller checks access first. */
export async function learnerHomeJson(ctx: CourseContext): Promise<LearnerHomeJson> {
  const view = getLearnerView({ version: ctx.version, viewer: ctx.viewer });
  const done = ctx.state.completed;
  const complete: string[] = [];
  for (const { node: section, subsections } of view.sections) {
    let sectionDone = subsections.length > 0;
    for (const { node: sub, units } of subsections) {
      let subDone = units.length > 0;
      for (const u of units) {
        if (isUnitComplete(u, ctx.viewer, done)) complete.push(u.usageKey);
        else subDone = false;
      }
      if (subDone) complete.push(sub.usageKey);
      else sectionDone = false;
    }
    if (sectionDone) complete.push(section.usageKey);
  }
  const resume = view.units.find((u) => u.unit.usageKey === ctx.state.lastUnitKey);
  const scores: SubsectionScoresJson = {};
  if (ctx.user) {
    const visible = new Set(view.sections.flatMap((s) => s.subsections.map((sub) => sub.node.usageKey)));
    for (const g of await listSubsectionGrades({ userId: ctx.user.id, courseId: ctx.course.id })) {
      if (visible.has(g.usageKey)) scores[g.usageKey] = { earned: g.earned, possible: g.possible };
    }
  }
  return {
    scores,
    complete,
    percent: courseProgress(view, ctx.viewer, done).percent,
    resumeHref: resume ? learnHref(ctx.course.courseKey, resume.subsection.urlName, resume.unit.urlName) : null,
  };
}
