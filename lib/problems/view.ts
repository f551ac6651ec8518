// The problem UI's view model, shared by the server (lib/problems/service.ts builds it) and the
// client (components/problem): the static part every viewer of a problem gets, the learner's own
// part, which the unit page reads from the state route (GET …/state?unit=), and the two laid
// together. Pure: no server-only imports.
import type { ProblemRenderModel } from "@/lib/capa/types";

export type Answers = Record<string, string | string[]>;

/**
 * What every viewer of a problem sees, whoever they are: the render model (answers, solutions and
 * hints removed) and the settings the UI shows. For a problem that renders alike for every learner
 * (lib/capa renderVariance "none") this is the same for all of them and is in the unit page, which
 * is rendered once per course version; for any other it is the learner's own and comes, like the
 * learner's part (LearnerProblemJson), from the state route.
 */
export interface ProblemStaticView {
  supported: boolean;
  reason?: string;
  model: ProblemRenderModel | null;
  maxAttempts: number | null;
  due: string | null;
  /** weighted points of the problem as written (a learner's stored score may say otherwise) */
  possible: number;
  hintCount: number;
}

/** One learner's state of a problem: what GET …/state?unit= returns for each problem of the unit. */
export interface LearnerProblemJson {
  answers: Answers;
  correctness: Record<string, string>;
  attempts: number;
  /** weighted score shown to the learner (null before any submission) */
  earned: number | null;
  /** weighted points from the learner's last grading (null before it: the static view's applies) */
  possible: number | null;
  done: boolean;
  closed: boolean;
  pastDue: boolean;
  canReset: boolean;
  answerAvailable: boolean;
  mustReset: boolean;
  /** seconds until the next submission is accepted (0 = now) */
  waitSeconds: number;
  /**
   * The problem as this learner sees it, for a problem whose rendering varies per learner (their
   * seed, or more): the unit page, shared by every learner, carries no render of it. Absent for a
   * problem that looks the same to everyone (the page's render applies).
   */
  view?: ProblemStaticView;
}

/** Everything the problem UI shows for one learner (or an anonymous/preview viewer). */
export type ProblemView = ProblemStaticView & Omit<LearnerProblemJson, "possible">;

/** The view of a learner's problem: the static part with their state laid over it. */
export function problemViewOf(base: ProblemStaticView, learner: LearnerProblemJson): ProblemView {
  return { ...base, ...learner, possible: learner.possible ?? base.possible };
}

/** The learner's part before their state is known (or for a viewer who has none): nothing answered, nothing offered. */
export const NO_LEARNER_STATE: LearnerProblemJson = {
  answers: {},
  correctness: {},
  attempts: 0,
  earned: null,
  possible: null,
  done: false,
  closed: false,
  pastDue: false,
  canReset: false,
  answerAvailable: false,
  mustReset: false,
  waitSeconds: 0,
};
