// Typed domain errors. Code is `<kind>:<subject>` (e.g. `forbidden:course`, `not_found:block`,
// `invalid:input`); the kind decides the HTTP status and the default user-facing message here,
// in one place. Unexpected errors are logged, never shown; the database out of reach is a 503 that says so.
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/db/unavailable";

export type ErrorKind =
  | "invalid"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "unavailable"
  | "internal";

const KINDS: Record<ErrorKind, { status: number; message: string }> = {
  invalid: { status: 400, message: "Some of the information you entered is not valid." },
  unauthorized: { status: 401, message: "Please sign in to continue." },
  forbidden: { status: 403, message: "You do not have permission to do that." },
  not_found: { status: 404, message: "We could not find what you were looking for." },
  conflict: { status: 409, message: "That conflicts with something that already exists." },
  rate_limited: { status: 429, message: "Too many attempts. Please wait and try again." },
  unavailable: { status: 503, message: "The service is temporarily unavailable. Please try again shortly." },
  internal: { status: 500, message: "Something went wrong on our side. Please try again." },
};

export type ErrorCode = `${ErrorKind}:${string}` | ErrorKind;

export function kindOf(code: string): ErrorKind {
  const kind = code.split(":")[0] as ErrorKind;
  return kind in KINDS ? kind : "internal";
}

/** HTTP status for an error code (unknown kinds are 500). */
export function statusOf(code: string): number {
  return KINDS[kindOf(code)].status;
}

/** The default user-facing message for an error code. */
export function defaultMessageOf(code: string): string {
  return KINDS[kindOf(code)].message;
}

export class AppError extends Error {
  readonly code: string;
  readonly fieldErrors?: Record<string, string>;

  constructor(code: ErrorCode, message?: string, opts: { fieldErrors?: Record<string, string>; cause?: unknown } = {}) {
    super(message ?? defaultMessageOf(code), opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = opts.fieldErrors;
  }

  get status(): number {
    return statusOf(this.code);
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/**
 * A JSON body and status for a route handler: an AppError's own; the database out of reach, a 503
 * that says so (as server actions answer it, lib/actions); anything else logged and hidden.
 */
export function errorResponseOf(err: unknown): { status: number; body: { error: { code: string; message: string } } } {
  if (isAppError(err)) return { status: err.status, body: { error: { code: err.code, message: err.message } } };
  if (isDatabaseUnavailable(err)) {
    const e = err as { code?: string; cause?: { code?: string } };
    console.error(`[atrium] route: database unavailable (${e?.code ?? e?.cause?.code ?? "connection error"})`);
    return { status: 503, body: { error: { code: "unavailable:database", message: DATABASE_UNAVAILABLE_MESSAGE } } };
  }
  console.error("[atrium] unexpected error", err);
  return { status: 500, body: { error: { code: "internal", message: defaultMessageOf("internal") } } };
}
