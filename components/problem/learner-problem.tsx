"use client";
// A problem in the learner's unit page. The page (and so this component's props) is the same for
// every learner of the course version when its problems render alike (lib/capa
// rendersAlikeForEveryLearner): the learner's answers, marks, attempts and which buttons apply
// arrive with the unit's state (GET …/state?unit=, components/lms/learner-state.tsx). Until then the
// problem is readable but not answerable. After a submit or reset the state is read again before
// the buttons are released, so marks and attempts are never stale. A Reset that gives the learner
// new numbers brings the problem re-rendered with them.
import { useMemo, useState } from "react";
import { getDemandHintAction } from "@/lib/actions/problems/get-demand-hint-action";
import { resetProblemAction } from "@/lib/actions/problems/reset-problem-action";
import { showAnswerAction } from "@/lib/actions/problems/show-answer-action";
import { submitProblemAction } from "@/lib/actions/problems/submit-problem-action";
import { NO_LEARNER_STATE, problemViewOf, type ProblemStaticView } from "@/lib/problems/view";
import { useLearnerState, useLearnerStateUpdates } from "@/components/lms/learner-state";
import { ProblemClient, type ProblemClientActions } from "./problem-client";

export interface LearnerProblemProps {
  courseId: number;
  courseKey: string;
  usageKey: string;
  base: ProblemStaticView;
}

export function LearnerProblem({ courseId, courseKey, usageKey, base: pageBase }: LearnerProblemProps) {
  const { data, isError } = useLearnerState(courseKey);
  const { refetch } = useLearnerStateUpdates(courseKey);
  // A Reset that re-seeds a problem which differs per learner answers with the problem re-rendered
  // for the new seed: shown from then on, until the page itself brings a newer render.
  const [reseeded, setReseeded] = useState<{ from: ProblemStaticView; view: ProblemStaticView } | null>(null);
  const base = reseeded && reseeded.from === pageBase ? reseeded.view : pageBase;
  const actions = useMemo<ProblemClientActions>(
    () => ({
      submit: (answers) => submitProblemAction({ courseId, usageKey, answers }),
      reset: async () => {
        const res = await resetProblemAction({ courseId, usageKey });
        if (res.ok && res.data.view) setReseeded({ from: pageBase, view: res.data.view });
        return res;
      },
      showAnswer: () => showAnswerAction({ courseId, usageKey }),
      getDemandHint: (index) => getDemandHintAction({ courseId, usageKey, index }),
      onChanged: () => refetch(),
    }),
    [courseId, usageKey, refetch, pageBase],
  );
  const learner = data?.unit?.problems[usageKey];
  const notice = learner
    ? null
    : data
      ? "This problem is not available to you right now."
      : isError
        ? "Your answers to this problem could not be loaded. Reload the page to try again."
        : "Loading your answers…";
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
