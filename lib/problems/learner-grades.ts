// A learner's subsection and course grade, computed from their problem states and persisted in
// the same transaction as the change that caused it. Open edX's aggregation (§6 of capa.md):
// problem scores weighted; a problem with no state counts 0 out of its max score; subsection
// totals over graded problems only; then the course grader.
import "server-only";
import type { DbOrTx } from "@/lib/db";
import { saveCourseGrade, saveSubsectionGrades, type CourseGradeRow, type SubsectionGradeInput } from "@/lib/db/queries/grades";
import { listLearnerProblemStates, type ProblemStateRow } from "@/lib/db/queries/problems";
import { listContentChoices } from "@/lib/db/queries/content-choices";
import { gradeCourse, weightedScore, type CourseGradeResult } from "@/lib/grading";
import { libraryChoiceKey } from "@/lib/lms/learner-content";
import { seedOf, selectLibraryChildren, type ChoiceStore } from "@/lib/lms/selection";
import type { CourseStructure } from "./structure";

/**
 * Which library children a learner sees, per library block: their persisted pick refreshed by the
 * same rules the unit page uses; without a learner (or choices), the first max_count children.
 */
export function libraryPicks(structure: Pick<CourseStructure, "libraries">, learner?: { userId: number; choices: ChoiceStore }): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [key, lib] of structure.libraries ?? new Map()) {
    const prev = learner?.choices.get(libraryChoiceKey(key));
    const sel = selectLibraryChildren({
      children: lib.children,
      maxCount: lib.maxCount,
      mode: learner ? lib.mode : "fixed",
      previous: Array.isArray(prev) ? prev : null,
      seed: learner ? seedOf(learner.userId, key) : "",
    });
    out.set(key, new Set(sel.selected));
  }
  return out;
}

/** The learner's persisted content choices, read only when the course has library blocks. */
export async function loadLearnerChoices({ structure, userId, courseId, db }: { structure: Pick<CourseStructure, "libraries">; userId: number; courseId: number; db?: DbOrTx }): Promise<{ userId: number; choices: ChoiceStore }> {
  return { userId, choices: structure.libraries?.size ? await listContentChoices({ userId, courseId, db }) : new Map() };
}

export interface ProblemScoreView {
  usageKey: string;
  displayName: string;
  earned: number;
  possible: number;
  graded: boolean;
  attempted: boolean;
  unsupportedReason: string | null;
}

export interface SubsectionGradeView extends SubsectionGradeInput {
  displayName: string;
  chapterName: string | null;
  due: string | null;
  problems: ProblemScoreView[];
}

/** Pure: the learner's subsection rows and course grade from the structure and their states. */
export function computeLearnerGrades({
  structure,
  states,
  gradingPolicy,
  learner,
}: {
  structure: CourseStructure;
  states: Pick<ProblemStateRow, "usageKey" | "earned" | "possible" | "done" | "attempts">[];
  gradingPolicy: unknown;
  /** whose library picks decide which library problems count (none: the first max_count) */
  learner?: { userId: number; choices: ChoiceStore };
}): { subsections: SubsectionGradeView[]; course: CourseGradeResult } {
  const byKey = new Map(states.map((s) => [s.usageKey, s]));
  const picks = libraryPicks(structure, learner);
  const subsections: SubsectionGradeView[] = structure.subsections.map((sub) => {
    let earned = 0;
    let possible = 0;
    const problems: ProblemScoreView[] = [];
    for (const p of sub.problems) {
      // A library problem the learner was not given is not part of their grade.
      if (p.library && !picks.get(p.library.key)?.has(p.library.child)) continue;
      if (p.maxScore === null) {
        problems.push({ usageKey: p.usageKey, displayName: p.displayName, earned: 0, possible: 0, graded: false, attempted: false, unsupportedReason: p.unsupportedReason });
        continue;
      }
      const st = byKey.get(p.usageKey);
      // A stored score wins (it is what the learner earned under the definition they answered);
      // otherwise 0 out of the current max score.
      const rawPossible = st && st.possible !== null ? st.possible : p.maxScore;
      const rawEarned = st && st.earned !== null ? st.earned : 0;
      const w = weightedScore(rawEarned, rawPossible, p.weight);
      const graded = p.graded && w.possible > 0;
      if (graded) {
        earned += w.earned;
        possible += w.possible;
      }
      problems.push({ usageKey: p.usageKey, displayName: p.displayName, earned: w.earned, possible: w.possible, graded, attempted: !!st && st.done, unsupportedReason: null });
    }
    return {
      usageKey: sub.usageKey,
      assignmentType: sub.format,
      graded: sub.graded,
      earned,
      possible,
      displayName: sub.displayName,
      chapterName: sub.chapterName,
      due: sub.due,
      problems,
    };
  });
  const course = gradeCourse(
    gradingPolicy,
    subsections.map((s) => ({ type: s.assignmentType, earned: s.earned, possible: s.possible, graded: s.graded, label: s.displayName, id: s.usageKey })),
  );
  return { subsections, course };
}

/** Recomputes and persists one learner's grades inside the caller's transaction. */
export async function persistLearnerGrades({
  db,
  userId,
  courseId,
  versionId,
  structure,
  gradingPolicy,
  states: given,
  currentGrade,
}: {
  db: DbOrTx;
  userId: number;
  courseId: number;
  versionId: number;
  structure: CourseStructure;
  gradingPolicy: unknown;
  /** the learner's problem states in the course, when the caller's transaction already holds them (locked) */
  states?: ProblemStateRow[];
  /** the learner's course-grade row as the caller's transaction locked it: an unchanged grade is not rewritten */
  currentGrade?: CourseGradeRow | null;
}): Promise<CourseGradeResult> {
  // One after the other: both run on the caller's transaction connection.
  const states = given ?? (await listLearnerProblemStates({ userId, courseId, db }));
  const learner = await loadLearnerChoices({ structure, userId, courseId, db });
  const { subsections, course } = computeLearnerGrades({ structure, states, gradingPolicy, learner });
  await saveSubsectionGrades({
    db,
    userId,
    courseId,
    versionId,
    rows: subsections.map((s) => ({ usageKey: s.usageKey, assignmentType: s.assignmentType, graded: s.graded, earned: s.earned, possible: s.possible })),
  });
  await saveCourseGrade({ db, userId, courseId, versionId, percent: course.percent, letterGrade: course.letterGrade, passed: course.passed, current: currentGrade });
  return course;
}
