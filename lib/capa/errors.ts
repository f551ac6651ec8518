// The three ways Open edX refuses a submission (capa responsetypes: StudentInputError,
// ResponseError, LoncapaProblemError). Any of them rejects the whole submission.
import type { CapaErrorKind } from "./types";

export class CapaError extends Error {
  constructor(
    readonly kind: CapaErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "CapaError";
  }
}

export const studentInputError = (message: string) => new CapaError("student_input_error", message);
export const responseError = (message: string) => new CapaError("response_error", message);
export const problemError = (message: string) => new CapaError("problem_error", message);

/** Python's html.escape (quote=True), used by capa inside its learner-facing messages. */
export function pyHtmlEscape(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
}
