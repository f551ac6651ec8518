// Server-side sessions behind the stateless JWT cookie. Each sign-in makes a user_sessions row
// with a random id (`sid`) that the cookie carries; signing out deletes the row, so a copied
// cookie is refused from then on. Checking it costs nothing extra: the same query that re-reads
// the users row on every request joins the session row (getUserBySession).
import "server-only";
import { randomBytes } from "node:crypto";
import { createUserSession, deleteUserSession, deleteUserSessions } from "@/lib/db/queries/users";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Records a new session for the user and returns its id, to be put in the cookie. */
export async function startSession({ userId, now = new Date() }: { userId: number; now?: Date }): Promise<string> {
  const sid = randomBytes(24).toString("base64url");
  await createUserSession({ userId, sid, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000), now });
  return sid;
}

/** Ends one session: its cookie, wherever it was copied to, no longer signs anyone in. */
export async function endSession({ sid }: { sid: string }): Promise<void> {
  await deleteUserSession({ sid });
}

/** Ends every session of the user (sign out everywhere). */
export async function endAllSessions({ userId }: { userId: number }): Promise<void> {
  await deleteUserSessions({ userId });
}
