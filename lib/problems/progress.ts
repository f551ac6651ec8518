// A learner's progress in a course for the Progress page and staff tools: subsection scores and
// the course grade come from the persisted rows (what reports read); per-problem scores come from
// the learner's problem states. When the learner has no persisted grade yet (never submitted),
// the same numbers are computed — all zero — without writing anything.
import "server-only";
import { getCourseGrade, listSubsectionGrades } from "@/lib/db/queries/grades";
import { listLearnerProblemStates, type PublishedCourse } from "@/lib/db/queries/problems";
import { gradeCourse, parseGradingPolicy, type TypeBreakdown } from "@/lib/grading";
import { computeLearnerGrades, loadLearnerChoices, type SubsectionGradeView } from "./learner-grades";
import { refreshLearnerGrades } from "./service";
import { getCourseStructure } from "./structure";

export interface LearnerProgress {
  subsections: SubsectionGradeView[];
  percent: number;
  letterGrade: string | null;
  passed: boolean;
  breakdown: TypeBreakdown[];
  cutoffs: { name: string; cutoff: number }[];
  /** when the persisted course grade was last written (null: never) */
  updatedAt: Date | null;
  /** the persisted grade was computed on an older published version */
  stale: boolean;
}

export async function getLearnerProgress({ userId, course }: { userId: number; course: PublishedCourse }): Promise<LearnerProgress> {
  // Rows written under an older published version are brought up to date first (one small
  // transaction), so the page and any report agree with what the learner now sees.
  const existing = await getCourseGrade({ userId, courseId: course.id });
  if (existing && existing.versionId !== null && existing.versionId !== course.versionId) await refreshLearnerGrades({ userId, courseId: course.id });
  const policy = parseGradingPolicy(course.gradingPolicy);
  const [structure, states, rows, courseRow] = await Promise.all([
    getCourseStructure({ versionId: course.versionId }),
    listLearnerProblemStates({ userId, courseId: course.id }),
    listSubsectionGrades({ userId, courseId: course.id }),
    getCourseGrade({ userId, courseId: course.id }),
  ]);
  const learner = await loadLearnerChoices({ structure, userId, courseId: course.id });
  const computed = computeLearnerGrades({ structure, states, gradingPolicy: policy, learner });
  const persisted = new Map(rows.map((r) => [r.usageKey, r]));
  const subsections = computed.subsections.map((s) => {
    const row = persisted.get(s.usageKey);
    return row ? { ...s, earned: row.earned, possible: row.possible, graded: row.graded, assignmentType: row.assignmentType } : s;
  });
  // The breakdown is the grader run over the persisted subsection totals (no problem re-grading).
  const graded = gradeCourse(
    policy,
    subsections.map((s) => ({ type: s.assignmentType, earned: s.earned, possible: s.possible, graded: s.graded, label: s.displayName, id: s.usageKey })),
  );
  const cutoffs = Object.entries(policy.GRADE_CUTOFFS)
    .map(([name, cutoff]) => ({ name, cutoff }))
    .sort((a, b) => b.cutoff - a.cutoff);
  return {
    subsections,
    percent: courseRow ? courseRow.percent : graded.percent,
    letterGrade: courseRow ? courseRow.letterGrade : graded.letterGrade,
    passed: courseRow ? courseRow.passed : graded.passed,
    breakdown: Object.values(graded.breakdown),
    cutoffs,
    updatedAt: courseRow && rows.length > 0 ? courseRow.updatedAt : null,
    stale: !!courseRow && courseRow.versionId !== null && courseRow.versionId !== course.versionId,
  };
}
