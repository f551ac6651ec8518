// The server-action kit: every action validates its input with zod through these helpers and
// answers with one result shape. `userAction` also resolves the signed-in user (fresh from the
// users row) and refuses anonymous callers; the action itself still authorizes by resource.
// `courseAction` also loads the course facts and asks the permission matrix for one action.
// Unexpected errors are logged and replaced by a generic message (never a DB error to the user).
import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { AppError, defaultMessageOf } from "@/lib/errors";
import { actorOf, getCurrentUser, type SessionUser } from "@/lib/auth/session";
import { canCourse, type CourseAction, type CourseFacts } from "@/lib/auth/permissions";
import { getCourseFactsRow, getCourseFactsRowByKey } from "@/lib/db/queries/course-access";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/db/unavailable";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string> };

export type ActionInput<S extends z.ZodType> = z.input<S> | FormData;

/** FormData → plain object: repeated keys become arrays; everything else stays a string/File. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue; // React's own bookkeeping fields
    const all = form.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

export function ok<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

export function fail(code: string, message?: string, fieldErrors?: Record<string, string>): ActionResult<never> {
  return { ok: false, code, message: message ?? defaultMessageOf(code), ...(fieldErrors ? { fieldErrors } : {}) };
}

function validationFailure(error: z.ZodError): ActionResult<never> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    fieldErrors[key] ??= issue.message;
  }
  return fail("invalid:input", "Please correct the highlighted fields.", fieldErrors);
}

async function run<S extends z.ZodType, T>(schema: S, raw: unknown, body: (input: z.output<S>) => Promise<T | ActionResult<T>>): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
  if (!parsed.success) return validationFailure(parsed.error);
  try {
    const out = await body(parsed.data);
    if (isActionResult<T>(out)) return out;
    return ok(out);
  } catch (err) {
    unstable_rethrow(err); // redirect(), notFound(), forbidden() keep working inside actions
    if (err instanceof AppError) return fail(err.code, err.message, err.fieldErrors);
    if (isDatabaseUnavailable(err)) return unavailable(err);
    console.error("[atrium] action failed", err);
    return fail("internal", defaultMessageOf("internal"));
  }
}

// The database is down or restarting: a 503-kind result with a message, not a generic "internal"
// (the pool reconnects by itself; the user can simply try again).
function unavailable(err: unknown): ActionResult<never> {
  const e = err as { code?: string; cause?: { code?: string } };
  console.error(`[atrium] action: database unavailable (${e?.code ?? e?.cause?.code ?? "connection error"})`);
  return fail("unavailable:database", DATABASE_UNAVAILABLE_MESSAGE);
}

/** The signed-in user, or a failure result when the database cannot be reached to read it. */
async function currentUser(): Promise<{ user: SessionUser | null } | { failure: ActionResult<never> }> {
  try {
    return { user: await getCurrentUser() };
  } catch (err) {
    if (isDatabaseUnavailable(err)) return { failure: unavailable(err) };
    throw err;
  }
}

function isActionResult<T>(v: unknown): v is ActionResult<T> {
  if (!v || typeof v !== "object" || !("ok" in v)) return false;
  const r = v as { ok: unknown; data?: unknown; code?: unknown };
  return (r.ok === true && "data" in r) || (r.ok === false && typeof r.code === "string");
}

/** An action anyone may call. `fn` may return data, an ActionResult, or throw AppError. */
export function publicAction<S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>) => Promise<T | ActionResult<T>>) {
  return async (input: ActionInput<S>): Promise<ActionResult<T>> => run(schema, input, fn);
}

/** An action for signed-in, active users; `user` is re-read from the database for this request. */
export function userAction<S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>, ctx: { user: SessionUser }) => Promise<T | ActionResult<T>>) {
  return async (input: ActionInput<S>): Promise<ActionResult<T>> => {
    const current = await currentUser();
    if ("failure" in current) return current.failure;
    const user = current.user;
    if (!user) return fail("unauthorized", "Please sign in to continue.");
    return run(schema, input, (parsed) => fn(parsed, { user }));
  };
}

export type CourseContext = { user: SessionUser; course: { id: number }; facts: CourseFacts };

/**
 * An action on one course: the input must carry `courseId` (number) or `courseKey` (string).
 * Refuses anonymous callers, unknown courses (not_found:course) and callers the permission
 * matrix does not allow `action` on this course (forbidden:course) before `fn` runs.
 */
export function courseAction<S extends z.ZodType, T>(
  schema: S,
  action: CourseAction,
  fn: (input: z.output<S>, ctx: CourseContext) => Promise<T | ActionResult<T>>,
) {
  return async (input: ActionInput<S>): Promise<ActionResult<T>> => {
    const current = await currentUser();
    if ("failure" in current) return current.failure;
    const user = current.user;
    if (!user) return fail("unauthorized", "Please sign in to continue.");
    return run(schema, input, async (parsed) => {
      const ref = parsed as { courseId?: unknown; courseKey?: unknown };
      // the course and the caller's facts on it in one round trip; null: no such course
      const found =
        typeof ref.courseId === "number"
          ? await getCourseFactsRow({ userId: user.id, courseId: ref.courseId }).then((r) => r && { ...r, id: ref.courseId as number })
          : typeof ref.courseKey === "string"
            ? await getCourseFactsRowByKey({ userId: user.id, courseKey: ref.courseKey })
            : null;
      if (!found) return fail("not_found:course", "That course does not exist.");
      const { id, ...facts } = found;
      if (!canCourse(actorOf(user), action, facts)) return fail("forbidden:course", "You do not have permission to do that in this course.");
      return fn(parsed, { user, course: { id }, facts });
    });
  };
}
