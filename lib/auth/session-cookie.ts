// Issues and clears the next-auth session cookie from server actions. Used after registration
// (sign the new user in) and after a password change (the version bump signed every session out;
// this browser gets a fresh session and cookie so it stays signed in). The cookie is exactly what next-auth's
// Credentials flow would set: same name, same encryption (next-auth/jwt encode), same claims.
import "server-only";
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { env } from "@/lib/env";
import { SESSION_MAX_AGE_SECONDS, startSession } from "@/lib/auth/user-sessions";

function secureCookies(): boolean {
  return env().NEXTAUTH_URL?.startsWith("https://") ?? false;
}

export function sessionCookieName(): string {
  return `${secureCookies() ? "__Secure-" : ""}next-auth.session-token`;
}

/** Starts a new session (user_sessions row) for the user and sets its cookie on this browser. */
export async function issueSessionCookie({ userId, sessionVersion }: { userId: number; sessionVersion: number }): Promise<void> {
  const sid = await startSession({ userId });
  const token = await encode({
    token: { sub: String(userId), uid: userId, sv: sessionVersion, sid },
    secret: env().NEXTAUTH_SECRET,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  const jar = await cookies();
  jar.set(sessionCookieName(), token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

/** Drops this browser's session cookie (the caller ends the server-side session: lib/auth/user-sessions.ts). */
export async function clearSessionCookie(): Promise<void> {
  const jar = await cookies();
  for (const c of jar.getAll()) {
    // next-auth splits big tokens into name.0, name.1, ...
    if (/^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(c.name)) jar.delete(c.name);
  }
}
