// Calling proxy.ts as Next.js calls it, with a real session cookie: for the tests of the JSON reads
// the proxy answers itself (lib/proxy-reads.ts), which know the caller from the cookie alone.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";
import { VIEW_AS_LEARNER_COOKIE } from "@/lib/lms/course-context";
import { proxy } from "@/proxy";

/**
 * The Cookie header of `user`'s session (createTestUser's live session row; "" for nobody), plus
 * the view-as-learner cookie when asked. `secret` mints it with another key (a forged cookie).
 */
export async function sessionCookieOf(user: { id: number; sid: string } | null, opts: { viewAsLearner?: boolean; secret?: string } = {}): Promise<string> {
  const session = user
    ? `${sessionCookieName()}=${await encode({ token: { sub: String(user.id), uid: user.id, sv: 1, sid: user.sid }, secret: opts.secret ?? env().NEXTAUTH_SECRET, maxAge: 3600 })}`
    : "";
  return [session, opts.viewAsLearner ? `${VIEW_AS_LEARNER_COOKIE}=1` : ""].filter(Boolean).join("; ");
}

/** A GET of `path` through proxy.ts with that Cookie header: its status, body and headers. */
export async function viaProxy(cookie: string, path: string): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await proxy(new NextRequest(`http://127.0.0.1:3000${path}`, { headers: { host: "127.0.0.1:3000", cookie } }));
  return { status: res.status, text: await res.text(), headers: res.headers };
}
