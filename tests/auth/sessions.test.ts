// Server-side sessions on the real MariaDB: a session cookie names a user_sessions row; signing
// out deletes it, so a copied cookie is refused at once (the per-request user read joins it).
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";

const { closeDb } = await import("@/lib/db");
const users = await import("@/lib/db/queries/users");
const { endAllSessions, endSession, startSession, SESSION_MAX_AGE_SECONDS } = await import("@/lib/auth/user-sessions");
const { sessionUserOf } = await import("@/lib/auth/session");
const { authOptions } = await import("@/lib/auth/options");

afterAll(() => closeDb());

async function makeUser() {
  const u = randomBytes(4).toString("hex");
  const created = await users.createUser({ email: `s${u}@example.test`, username: `s_${u}`, fullName: `S ${u}`, passwordHash: "h" });
  if (!created.ok) throw new Error("could not create test user");
  return created.id;
}

/** What getCurrentUser does with a cookie's claims (one query, then the version/active check). */
async function userOfCookie(claims: { uid: number; sv: number; sid: string }, now?: Date) {
  return sessionUserOf({ claims, row: await users.getUserBySession({ userId: claims.uid, sid: claims.sid, now }) });
}

describe("server-side sessions", () => {
  it("a signed-out session's cookie is refused; the user's other sessions keep working", async () => {
    const id = await makeUser();
    const laptop = await startSession({ userId: id });
    const phone = await startSession({ userId: id });
    expect(laptop).not.toBe(phone);
    expect((await userOfCookie({ uid: id, sv: 1, sid: laptop }))?.id).toBe(id);
    await endSession({ sid: laptop });
    expect(await userOfCookie({ uid: id, sv: 1, sid: laptop })).toBeNull();
    expect((await userOfCookie({ uid: id, sv: 1, sid: phone }))?.id).toBe(id);
  });

  it("a session id only works for its own user, and not after it expires", async () => {
    const a = await makeUser();
    const b = await makeUser();
    const sid = await startSession({ userId: a });
    expect(await userOfCookie({ uid: b, sv: 1, sid })).toBeNull();
    expect(await userOfCookie({ uid: a, sv: 1, sid: "made-up-session-id" })).toBeNull();
    const later = new Date(Date.now() + (SESSION_MAX_AGE_SECONDS + 60) * 1000);
    expect(await userOfCookie({ uid: a, sv: 1, sid }, later)).toBeNull();
  });

  it("sign out everywhere ends every session of the user and no one else's", async () => {
    const id = await makeUser();
    const other = await makeUser();
    const s1 = await startSession({ userId: id });
    const s2 = await startSession({ userId: id });
    const s3 = await startSession({ userId: other });
    await endAllSessions({ userId: id });
    expect(await userOfCookie({ uid: id, sv: 1, sid: s1 })).toBeNull();
    expect(await userOfCookie({ uid: id, sv: 1, sid: s2 })).toBeNull();
    expect((await userOfCookie({ uid: other, sv: 1, sid: s3 }))?.id).toBe(other);
  });

  it("a password change or deactivation ends every session", async () => {
    const id = await makeUser();
    const s1 = await startSession({ userId: id });
    const sv = await users.updateUserPassword({ id, passwordHash: "h2" });
    expect(sv).toBe(2);
    expect(await users.getUserBySession({ userId: id, sid: s1 })).toBeNull();
    const s2 = await startSession({ userId: id });
    expect((await userOfCookie({ uid: id, sv, sid: s2 }))?.id).toBe(id);
    await users.setUserActive({ id, isActive: false });
    expect(await users.getUserBySession({ userId: id, sid: s2 })).toBeNull();
  });

  it("starting a session clears the user's expired ones", async () => {
    const id = await makeUser();
    await users.createUserSession({ userId: id, sid: `old-${randomBytes(6).toString("hex")}`, expiresAt: new Date(Date.now() - 1000) });
    const sid = await startSession({ userId: id });
    const { getDb } = await import("@/lib/db");
    const { userSessions } = await import("@/lib/db/schema");
    const { eq } = await import("drizzle-orm");
    const rows = await getDb().select({ sid: userSessions.sid }).from(userSessions).where(eq(userSessions.userId, id));
    expect(rows.map((r) => r.sid)).toEqual([sid]);
  });

  it("the session callback exposes claims only for cookies that carry a session id", () => {
    const session = authOptions.callbacks!.session!;
    const base = { session: { expires: "x" }, user: undefined, newSession: undefined, trigger: "update" } as never;
    const withSid = session({ ...(base as object), token: { uid: 7, sv: 2, sid: "abc" } } as never) as unknown as { claims: unknown };
    expect(withSid.claims).toEqual({ uid: 7, sv: 2, sid: "abc" });
    // A cookie from before server-side sessions (no sid) could never be signed out: refused.
    const legacy = session({ ...(base as object), token: { uid: 7, sv: 2 } } as never) as unknown as { claims: unknown };
    expect(legacy.claims).toBeNull();
  });
});
