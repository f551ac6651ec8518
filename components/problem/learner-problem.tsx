"use client";
// A problem in the learner's unit page. The page (and so this component's props) is the same for
// every learner of the course version: the learner's answers, marks, attempts and which buttons
// apply arrive with the unit's state (GET …/state?unit=, components/lms/learner-state.tsx). Until
// then the problem is readable but not answerable. A problem whose rendering differs per learner
// (their seed: shuffled choices, a script's numbers) is not in the page at all (`base` is null):
// the learner's own render arrives with their state too, and is read again with it after a Reset
// that draws a new seed. After a submit or reset the state is read again before the buttons are
// released, so marks, attempts and numbers are never stale.
import { useMemo } from "react";
import { getDemandHintAction } from "@/lib/actions/problems/get-demand-hint-action";
import { resetProblemAction } from "@/lib/actions/problems/reset-problem-action";
import { showAnswerAction } from "@/lib/actions/problems/show-answer-action";
import { submitProblemAction } from "@/lib/actions/problems/submit-problem-action";
import { NO_LEARNER_STATE, problemViewOf, type ProblemStaticView } from "@/lib/problems/view";
import { useLearnerState, useLearnerStateUpdates } from "@/components/lms/learner-state";
import { ProblemClient, type ProblemClientActions } from "./problem-client";
import { UnsupportedProblem } from "./unsupported-problem";
import styles from "./problem.module.css";

export interface LearnerProblemProps {
  courseId: number;
  courseKey: string;
  usageKey: string;
  /** the render every learner sees; null for a problem whose render is each learner's own */
  base: ProblemStaticView | null;
}

export function LearnerProblem({ courseId, courseKey, usageKey, base: pageBase }: LearnerProblemProps) {
  const { data, isError } = useLearnerState(courseKey);
  const { refetch } = useLearnerStateUpdates(courseKey);
  const actions = useMemo<ProblemClientActions>(
    () => ({
      submit: (answers) => submitProblemAction({ courseId, usageKey, answers }),
      reset: () => resetProblemAction({ courseId, usageKey }),
      showAnswer: () => showAnswerAction({ courseId, usageKey }),
      getDemandHint: (index) => getDemandHintAction({ courseId, usageKey, index }),
      onChanged: () => refetch(),
    }),
    [courseId, usageKey, refetch],
  );
  const learner = data?.unit?.problems[usageKey];
  const notice = learner
    ? null
    : data
      ? "This problem is not available to you right now."
      : isError
        ? "Your answers to this problem could not be loaded. Reload the page to try again."
        : "Loading your answers…";
  const base = pageBase ?? learner?.view ?? null;
  if (!base) {
    // This learner's own render has not arrived (or cannot): say so where the problem goes.
    const why = data && !learner ? notice : data || isError ? "This problem could not be loaded. Reload the page to try again." : "Loading the problem…";
    return (
      <p className={styles.pending} role="status" data-testid="problem-pending">
        {why}
      </p>
    );
  }
  if (!base.supported || !base.model) return <UnsupportedProblem reason={base.reason} />;
  return (
    <ProblemClient
      // Mounted afresh once the state arrives, so the inputs start from the learner's saved answers.
      key={learner ? "ready" : "waiting"}
      view={problemViewOf(base, learner ?? NO_LEARNER_STATE)}
      canSubmit={!!learner && !!data?.unit?.canSubmit}
      signedIn
      actions={actions}
      notice={notice}
    />
  );
}
