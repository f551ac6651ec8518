// Who is asking. The JWT cookie carries only the user id, session_version and session id; the
// user row is re-read once per request (React cache) in one query joined with the session row, so
// signing out (row deleted), a deactivated account or a changed password signs that cookie out at
// once, wherever it was copied. A cookie that does not decode (tampered, wrong secret) is "signed out".
import "server-only";
import { cache } from "react";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { env } from "@/lib/env";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { ANONYMOUS, type Actor } from "@/lib/auth/permissions";
import { getUserBySession } from "@/lib/db/queries/users";

export type SessionUser = {
  id: number;
  email: string;
  username: string;
  fullName: string;
  isAdmin: boolean;
  canCreateCourses: boolean;
  isActive: boolean;
};

/** What the session callback exposes (see lib/auth/options.ts). */
export type SessionClaims = { uid: number; sv: number; sid: string };

/** The claims of this request's session cookie (not yet checked against the database). Cached per request. */
export const getSessionClaims = cache(async (): Promise<SessionClaims | null> => readClaims());

async function readClaims(): Promise<SessionClaims | null> {
  // Who is asking is per request: never prerender anything that depends on it.
  await connection();
  try {
    return await claimsOfCookie((await cookies()).getAll());
  } catch (err) {
    // An undecodable cookie is no session; anything else is logged, and the visitor is treated
    // as signed out rather than shown a crash.
    if (isNextControlFlow(err)) throw err;
    console.error("[atrium] could not read the session", err);
    return null;
  }
}

/**
 * The session cookie's claims, decoded once per distinct cookie value. next-auth's
 * getServerSession decrypted the JWE, ran the callbacks and then ENCRYPTED a fresh token for a
 * rolling expiry on every request — a cookie a server component cannot even set. Here the cookie
 * is only decrypted (next-auth/jwt `decode`, same secret and format), and the result is kept in a
 * small bounded map keyed by the cookie value: a cookie's claims never change, and whether its
 * session is still valid is checked against the database on every request (getCurrentUser).
 */
export async function claimsOfCookie(all: { name: string; value: string }[]): Promise<SessionClaims | null> {
  const token = sessionTokenOf(all);
  if (!token) return null;
  const now = Date.now();
  const hit = decoded.get(token);
  if (hit) {
    if (hit.expMs > now) return hit.claims;
    decoded.delete(token);
    return null;
  }
  const payload = await decode({ token, secret: env().NEXTAUTH_SECRET }).catch(() => {
    console.warn("[atrium] ignored an invalid session cookie");
    return null;
  });
  const uid = payload?.uid, sv = payload?.sv, sid = payload?.sid, exp = payload?.exp;
  // A cookie without a session id predates server-side sessions: it cannot be signed out, so it is refused.
  if (typeof uid !== "number" || typeof sv !== "number" || typeof sid !== "string" || typeof exp !== "number") return null;
  const expMs = exp * 1000;
  if (expMs <= now) return null;
  const claims: SessionClaims = { uid, sv, sid };
  if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
  decoded.set(token, { claims, expMs });
  return claims;
}

/** At most 4,096 decoded cookies (≈ 2.5 KB each with the key: ≤ 10 MB), oldest first out. */
const DECODED_MAX = 4096;
/**
 * One map per process, not per bundle: the build gives the proxy, the route handlers and the page
 * renderer each their own copy of this module, and each copy decoding every learner's cookie again
 * (an HKDF and a JWE decryption) showed in the load bench's profile.
 */
const DECODED_KEY = Symbol.for("atrium.session.decodedCookies");
const decoded: Map<string, { claims: SessionClaims; expMs: number }> = ((globalThis as { [DECODED_KEY]?: Map<string, { claims: SessionClaims; expMs: number }> })[DECODED_KEY] ??= new Map());

/** next-auth's cookie (lib/auth/session-cookie.ts names it), split into `.0`, `.1`… when large. */
function sessionTokenOf(all: { name: string; value: string }[]): string | null {
  const name = sessionCookieName();
  const whole = all.find((c) => c.name === name);
  if (whole) return whole.value || null;
  const chunks = all
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : null;
}

function isNextControlFlow(err: unknown): boolean {
  const digest = (err as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_") || digest === "DYNAMIC_SERVER_USAGE" || digest.startsWith("BAILOUT"));
}

/** The signed-in, active user of this request, or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const claims = await getSessionClaims();
  if (!claims) return null;
  return sessionUserOf({ claims, row: await getUserBySession({ userId: claims.uid, sid: claims.sid }) });
});

/**
 * getSessionClaims for a caller that holds the request's cookies itself (proxy.ts answers some
 * JSON reads before Next's request scope exists, lib/proxy-reads.ts): a cookie that cannot be read
 * is no session (logged, as readClaims does).
 */
export function claimsOfRequestCookies(all: { name: string; value: string }[]): Promise<SessionClaims | null> {
  return claimsOfCookie(all).catch((err: unknown) => {
    console.error("[atrium] could not read the session", err);
    return null;
  });
}

/** getCurrentUser for such a caller: the same claims, the same check against the session row. */
export async function userOfCookies(all: { name: string; value: string }[]): Promise<SessionUser | null> {
  const claims = await claimsOfRequestCookies(all);
  if (!claims) return null;
  return sessionUserOf({ claims, row: await getUserBySession({ userId: claims.uid, sid: claims.sid }) });
}

type UserRowLike = Pick<SessionUser, keyof SessionUser> & { sessionVersion: number };

/**
 * The session's user, if the cookie's claims still match the account: the row must exist, be
 * active, and carry the same session_version (a password change or deactivation bumps it).
 */
export function sessionUserOf({ claims, row }: { claims: Pick<SessionClaims, "uid" | "sv">; row: UserRowLike | null }): SessionUser | null {
  if (!row || row.id !== claims.uid || !row.isActive || row.sessionVersion !== claims.sv) return null;
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    fullName: row.fullName,
    isAdmin: row.isAdmin,
    canCreateCourses: row.canCreateCourses,
    isActive: row.isActive,
  };
}

/** Only same-site paths are followed after sign-in (no open redirects). */
export function safeReturnTo(value: string | null | undefined, fallback = "/dashboard"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // Browsers drop tabs/newlines in URLs, so "/\t/evil.example" would become "//evil.example".
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  return value;
}

/** The signed-in user; anonymous visitors are redirected to /login?callbackUrl=<returnTo>. */
export async function requireUser(returnTo?: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) {
    const target = returnTo ? `/login?callbackUrl=${encodeURIComponent(safeReturnTo(returnTo, "/"))}` : "/login";
    redirect(target);
  }
  return user;
}

/** The permission-matrix view of a user (null → anonymous). */
export function actorOf(user: SessionUser | null): Actor {
  if (!user) return ANONYMOUS;
  return { userId: user.id, isActive: user.isActive, isAdmin: user.isAdmin, canCreateCourses: user.canCreateCourses };
}
