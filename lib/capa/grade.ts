// Temporary contract placeholder; replaced by the real grader in the next commits.
import type { GradeOptions, GradeResult } from "./types";

export function gradeProblem(
  _problemXml: string,
  _answers: Record<string, string | string[]>,
  _options?: GradeOptions,
): GradeResult {
  return { ok: false, error: "problem_error", message: "CAPA grading is being implemented." };
}

export function feedbackFor(
  _problemXml: string,
  _answers: Record<string, string | string[]>,
  _options?: GradeOptions,
): Record<string, string> {
  return {};
}
