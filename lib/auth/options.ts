// next-auth v4 configuration: one Credentials provider (email or username + password) and JWT
// sessions, so any instance can serve any request. The token holds only the user id, the
// session_version and the session id (a user_sessions row, deleted at sign-out); everything else
// is read from the users row per request (lib/auth/session.ts).
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { attemptSignIn, clientIpOf } from "@/lib/auth/sign-in";
import { endSession, SESSION_MAX_AGE_SECONDS, startSession } from "@/lib/auth/user-sessions";

export { SESSION_MAX_AGE_SECONDS };

/** Error codes the Credentials provider reports to the sign-in form (`?error=` / signIn().error). */
export const SIGN_IN_ERROR_PREFIX = "atrium:";

function secret(): string {
  return env().NEXTAUTH_SECRET;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  get secret() {
    return secret();
  },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email or username",
      credentials: {
        login: { label: "Email or username", type: "text" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const login = typeof credentials?.login === "string" ? credentials.login : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        const ip = clientIpOf((req?.headers ?? {}) as Record<string, string | undefined>);
        const result = await attemptSignIn({ login, password, ip });
        if (!result.ok) {
          // next-auth passes a thrown message through as `error`; the form maps it to text.
          const retry = result.retryAfterSeconds ? `:${result.retryAfterSeconds}` : "";
          throw new Error(`${SIGN_IN_ERROR_PREFIX}${result.reason}${retry}`);
        }
        const sid = await startSession({ userId: result.user.id });
        return { id: String(result.user.id), sv: result.user.sessionVersion, sid };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const u = user as unknown as { id: string; sv: number; sid: string };
        // Keep the token minimal: drop next-auth's default name/email/picture claims.
        return { sub: u.id, uid: Number(u.id), sv: u.sv, sid: u.sid };
      }
      return token;
    },
    session({ session, token }) {
      const uid = typeof token.uid === "number" ? token.uid : null;
      const sv = typeof token.sv === "number" ? token.sv : null;
      const sid = typeof token.sid === "string" ? token.sid : null;
      return { expires: session.expires, claims: uid !== null && sv !== null && sid !== null ? { uid, sv, sid } : null } as unknown as typeof session;
    },
  },
  events: {
    // POST /api/auth/signout: end the server-side session too, not just this browser's cookie.
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endSession({ sid: token.sid });
    },
  },
  logger: {
    error(code, metadata) {
      // A tampered or foreign cookie is an expected event: one line, no stack.
      if (code === "JWT_SESSION_ERROR") {
        console.warn("[atrium] ignored an invalid session cookie");
        return;
      }
      console.error(`[next-auth] ${code}`, metadata);
    },
    warn(code) {
      if (code === "NEXTAUTH_URL") return;
      console.warn(`[next-auth] ${code}`);
    },
    debug() {},
  },
};
