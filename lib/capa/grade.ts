// gradeProblem: Open edX's LoncapaProblem.grade_answers + calculate_score for the response
// types lib/capa supports. Any learner-input, response or problem error rejects the whole
// submission (no partial results), as capa_block.submit_problem does.
import { CapaError } from "./errors";
import { loadProblem } from "./problem";
import { withRegexBudget } from "./regex";
import { type Answers, gradeResponse } from "./responses";
import type { Correctness, GradeOptions, GradeResult } from "./types";

function checkAnswers(answers: unknown): answers is Answers {
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) return false;
  return Object.values(answers).every(
    (v) => typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string")),
  );
}

export function gradeProblem(
  problemXml: string,
  answers: Record<string, string | string[]>,
  options: GradeOptions = {},
): GradeResult {
  // Author regexps share one time budget per grading (lib/capa/regex.ts): grading never stalls.
  return withRegexBudget(() => gradeUnbudgeted(problemXml, answers, options));
}

function gradeUnbudgeted(problemXml: string, answers: Record<string, string | string[]>, options: GradeOptions): GradeResult {
  if (!checkAnswers(answers)) {
    return { ok: false, error: "student_input_error", message: "Answers must be text values or lists of text values." };
  }
  try {
    const problem = loadProblem(problemXml, options);
    if (problem.unsupported.length > 0) {
      return {
        ok: false,
        error: "problem_error",
        message: `This problem cannot be graded here: ${problem.unsupported.join("; ")}.`,
      };
    }
    const correctness: Record<string, Correctness> = {};
    const hints: Record<string, string> = {};
    const messages: Record<string, string> = {};
    let earned = 0;
    let possible = 0;
    problem.responses.forEach((resp, index) => {
      const out = gradeResponse(resp, answers, problem.seed, index, options.customResults);
      for (const [id, e] of Object.entries(out.cmap)) {
        correctness[id] = e.correctness;
        // CorrectMap.get_npoints: explicit npoints, else 1 for (partially) correct, else 0.
        earned += e.npoints ?? (e.correctness === "incorrect" ? 0 : 1);
      }
      Object.assign(hints, out.hints);
      if (out.messages) Object.assign(messages, out.messages);
      for (const input of resp.inputs) possible += input.points;
    });
    const result: GradeResult = { ok: true, correctness, earned, possible };
    if (Object.keys(messages).length > 0) result.messages = messages;
    if (Object.keys(hints).length > 0) result.hints = hints;
    return result;
  } catch (e) {
    if (e instanceof CapaError) return { ok: false, error: e.kind, message: e.message };
    return { ok: false, error: "problem_error", message: `This problem could not be graded: ${(e as Error).message}` };
  }
}

/** Hint/feedback HTML Open edX shows for these answers (empty when grading is refused). */
export function feedbackFor(
  problemXml: string,
  answers: Record<string, string | string[]>,
  options: GradeOptions = {},
): Record<string, string> {
  const result = gradeProblem(problemXml, answers, options);
  return result.ok ? (result.hints ?? {}) : {};
}
