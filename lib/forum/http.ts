import "server-only";
// The forum's JSON answers share this (the route handlers, and proxy.ts through
// lib/forum/read-routes.ts): decode the course key, load the caller's standing
// (lib/forum/service.ts loadForum: 401 anonymous, 404 unknown course, 403 not enrolled and not
// staff), run the handler, and answer JSON that is private to the caller (never stored by a
// shared cache). A typed AppError becomes its status and message, the database out of reach a 503
// that says so; anything else is logged and answered with a generic 500 (lib/errors.ts).
import type { SessionClaims } from "@/lib/auth/session";
import { errorResponseOf } from "@/lib/errors";
import { safeDecode } from "@/lib/lms/urls";
import { PRIVATE_JSON_HEADERS } from "@/lib/security-headers";
import { loadForum, type ForumContext } from "./service";


/**
 * A read's answer already serialized (a thread page assembled from cached texts: reads.ts
 * threadDetail), sent as it is. `T` is the shape the text parses to.
 */
export class JsonText<T = unknown> {
  declare readonly shape?: T;
  constructor(readonly text: string) {}
}

export async function forumJson<P extends { courseKey: string }>(
  params: Promise<P>,
  handle: (f: ForumContext, p: P) => Promise<unknown>,
): Promise<Response> {
  let p: P;
  try {
    p = await params;
  } catch (err) {
    return errorJson(err);
  }
  return forumAnswer(p.courseKey, undefined, (f) => handle(f, p));
}

/**
 * forumJson's answer for a course key as it stands in the URL (still encoded). `claims`: the
 * session's, when the caller decoded the request's cookies itself (lib/forum/read-routes.ts);
 * undefined reads them from Next's request scope.
 */
export async function forumAnswer(
  rawCourseKey: string,
  claims: Promise<SessionClaims | null> | undefined,
  handle: (f: ForumContext) => Promise<unknown>,
): Promise<Response> {
  try {
    const courseKey = safeDecode(rawCourseKey);
    if (!courseKey) return Response.json({ error: { code: "not_found:course", message: "That course does not exist." } }, { status: 404, headers: PRIVATE_JSON_HEADERS });
    const f = await loadForum(courseKey, claims === undefined ? undefined : await claims);
    const body = await handle(f);
    // as bytes: a string body would be scanned for lone surrogates first (undici's USVString)
    if (body instanceof JsonText) return new Response(Buffer.from(body.text), { headers: { ...PRIVATE_JSON_HEADERS, "Content-Type": "application/json" } });
    return Response.json(body, { headers: PRIVATE_JSON_HEADERS });
  } catch (err) {
    return errorJson(err);
  }
}

function errorJson(err: unknown): Response {
  const { status, body } = errorResponseOf(err);
  return Response.json(body, { status, headers: PRIVATE_JSON_HEADERS });
}

/** A positive integer id from a path or query value, or null. */
export function idOf(v: string | null | undefined): number | null {
  if (!v || !/^\d{1,15}$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 ? n : null;
}
