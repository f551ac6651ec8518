// Studio's live problem preview: renders the problem editor's current OLX the way the LMS renders
// a problem (same render model, same HTML sanitizing) and grades answers with lib/capa. For
// authors only (the action authorizes "studio:edit-course"): unlike the learner view, the model
// keeps its answers, explanations and hints, so the author can check them. Persists NOTHING: no
// problem state, no submission, no grade.
import "server-only";
import { gradeProblemScripted, renderProblemScripted, type CorrectAnswer, type ProblemRenderModel, type RenderNode } from "@/lib/capa";
import { weightedScore } from "@/lib/grading";
import { sanitizeProblemHtml } from "@/lib/problems/html";
import { readProblemSettings } from "@/lib/problems/rules";
import { longAnswerInputIds, sanitizeInput, sanitizeNode, validateAnswers, type Answers, type ProblemView } from "@/lib/problems/service";
import { getSandbox } from "@/lib/sandbox/pool";
import { problemAttributes } from "./problem-settings";

/** The preview renders as Open edX's problem id "1" (input ids 1_2_1, …). */
export const PREVIEW_PROBLEM_ID = "1";

export type PreviewGrade =
  | {
      ok: true;
      correctness: Record<string, string>;
      hints: Record<string, string>;
      /** weighted by the problem's weight, as the learner would see it */
      earned: number;
      possible: number;
      rawEarned: number;
      rawPossible: number;
    }
  | { ok: false; message: string };

export interface ProblemPreview {
  /** the view the LMS's ProblemClient renders (model complete with answers, solutions and hints) */
  view: ProblemView;
  solutions: string[];
  demandHints: string[];
  correctAnswers: Record<string, CorrectAnswer>;
  /** null when only a render was asked for */
  grade: PreviewGrade | null;
}

function unsupportedView(reason: string): ProblemView {
  return {
    supported: false,
    reason,
    model: null,
    answers: {},
    correctness: {},
    attempts: 0,
    maxAttempts: null,
    earned: null,
    possible: 0,
    done: false,
    closed: false,
    pastDue: false,
    due: null,
    canReset: false,
    answerAvailable: false,
    mustReset: false,
    waitSeconds: 0,
    hintCount: 0,
  };
}

// Python-scripted problems run in the same sandbox pool as learners' (lib/sandbox); the draft's own
// python_lib.zip is not loaded here, so a problem that imports from it previews as unavailable.
export async function previewProblem({ courseKey, olx, answers, seed = 1, grade }: { courseKey: string; olx: string; answers: Answers; seed?: number; grade: boolean }): Promise<ProblemPreview> {
  const scripted = { runner: getSandbox(), pythonLib: null, problemId: PREVIEW_PROBLEM_ID, seed };
  const root = problemAttributes(olx);
  const none = { solutions: [], demandHints: [], correctAnswers: {}, grade: null };
  if (!root.ok) return { view: unsupportedView(root.message), ...none };
  const settings = readProblemSettings(Object.fromEntries(root.attrs));
  let model: ProblemRenderModel;
  try {
    model = await renderProblemScripted(olx, scripted);
  } catch (err) {
    return { view: unsupportedView(`This problem could not be displayed: ${err instanceof Error ? err.message : String(err)}`), ...none };
  }
  if (!model.supported) return { view: unsupportedView(model.reason ?? "This problem cannot be graded here."), ...none };
  const s = (h: string) => sanitizeProblemHtml(h, courseKey);
  const safeModel: ProblemRenderModel = {
    ...model,
    nodes: model.nodes.map((n) => sanitizeNode(n, courseKey)).filter((n): n is RenderNode => n !== null),
    inputs: model.inputs.map((i) => sanitizeInput(i, courseKey)),
    solutions: model.solutions.map(s),
    demandHints: model.demandHints.map(s),
  };
  const possible = weightedScore(0, model.possible, settings.weight).possible;
  const view: ProblemView = {
    ...unsupportedView(""),
    supported: true,
    reason: undefined,
    model: safeModel,
    possible,
    canReset: true,
    answerAvailable: true,
    hintCount: model.demandHints.length,
  };
  let graded: PreviewGrade | null = null;
  if (grade) {
    const clean = validateAnswers(answers, model.inputs.map((i) => i.id), longAnswerInputIds(model.inputs));
    const r = await gradeProblemScripted(olx, clean, scripted);
    if (!r.ok) graded = { ok: false, message: r.message };
    else {
      const w = weightedScore(r.earned, r.possible, settings.weight);
      graded = {
        ok: true,
        correctness: r.correctness,
        hints: Object.fromEntries(Object.entries(r.hints ?? {}).map(([id, h]) => [id, s(h)])),
        earned: w.earned,
        possible: w.possible,
        rawEarned: r.earned,
        rawPossible: r.possible,
      };
    }
  }
  return { view, solutions: safeModel.solutions, demandHints: safeModel.demandHints, correctAnswers: model.correctAnswers, grade: graded };
}
