import "server-only";
// Loads (and, when asked, persists) one learner's randomized and conditional content for a course
// version: library_content picks, split_test groups and conditional outcomes (lib/lms/learner-content.ts).
// Page GETs read only (persist: false); the unit-view action that runs after the page persists the
// same choices, which are a pure function of the stored ones, so what was shown is what is kept.
import { listCompletedKeys } from "@/lib/db/queries/completion";
import { listContentChoices, saveContentChoices } from "@/lib/db/queries/content-choices";
import { listLearnerProblemStates } from "@/lib/db/queries/problems";
import { hasConditionals, hasLearnerContent, resolveLearnerContent, type LearnerContent } from "./learner-content";
import type { Outline } from "./outline";
import type { SourceState } from "./selection";

export async function loadLearnerContent({ outline, userId, courseId, completed, persist = false }: {
  outline: Outline;
  userId: number;
  courseId: number;
  /** completions already loaded by the caller (else read here when a conditional needs them) */
  completed?: Set<string>;
  persist?: boolean;
}): Promise<LearnerContent | undefined> {
  if (!hasLearnerContent(outline)) return undefined;
  const needStates = hasConditionals(outline);
  const [stored, states, done] = await Promise.all([
    listContentChoices({ userId, courseId }),
    needStates ? listLearnerProblemStates({ userId, courseId }) : Promise.resolve([]),
    needStates && !completed ? listCompletedKeys({ userId, courseId }) : Promise.resolve(completed ?? new Set<string>()),
  ]);
  const byKey = new Map<string, SourceState>();
  if (needStates) {
    const stateByKey = new Map(states.map((s) => [s.usageKey, s]));
    for (const n of outline.byKey.values()) {
      const s = stateByKey.get(n.usageKey);
      byKey.set(n.usageKey, {
        problem: n.type === "problem",
        attempted: !!s && (s.attempts > 0 || s.done),
        submitted: !!s && s.done,
        done: done.has(n.usageKey) || (!!s && s.done),
        correct: !!s && s.earned !== null && s.possible !== null && s.possible > 0 && s.earned >= s.possible,
      });
    }
  }
  const { content, toSave } = resolveLearnerContent({ outline, learnerId: userId, stored, sourceState: (k) => byKey.get(k) });
  if (persist && toSave.size) await saveContentChoices({ userId, courseId, choices: toSave });
  return content;
}
