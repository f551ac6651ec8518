// Accounts: users, sign-in attempts and password-reset tokens. The only place that touches those
// tables. Uniqueness of email/username is enforced by unique indexes on the lower-cased columns,
// so two concurrent registrations cannot both win (the loser gets a duplicate-key error that is
// turned into a field message).
import "server-only";
import { and, count, desc, eq, gt, isNull, lte, max, min, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db";
import { preparedQuery } from "@/lib/db/prepared";
import { courseRoles, loginAttempts, passwordResetTokens, userSessions, users } from "@/lib/db/schema";
import { sessionUserColumns, type SessionUserRow } from "./course-access";

export type UserRow = typeof users.$inferSelect;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Normalizes what someone typed into the "email or username" box. */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

export async function getUserById({ id, db = getDb() }: { id: number; db?: DbOrTx }): Promise<UserRow | null> {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

/** Finds a user by email (when the login contains "@") or by username, case-insensitively. */
export async function getUserByLogin({ login, db = getDb() }: { login: string; db?: DbOrTx }): Promise<UserRow | null> {
  const normalized = normalizeLogin(login);
  if (!normalized) return null;
  const where = normalized.includes("@") ? eq(users.emailNormalized, normalized) : eq(users.usernameNormalized, normalized);
  const rows = await db.select().from(users).where(where).limit(1);
  return rows[0] ?? null;
}

export async function getUserByEmail({ email, db = getDb() }: { email: string; db?: DbOrTx }): Promise<UserRow | null> {
  const rows = await db.select().from(users).where(eq(users.emailNormalized, normalizeEmail(email))).limit(1);
  return rows[0] ?? null;
}

export type CreateUserResult = { ok: true; id: number } | { ok: false; field: "email" | "username" };

function duplicateFieldOf(err: unknown): "email" | "username" | null {
  // mysql2 errors may arrive wrapped by drizzle (DrizzleQueryError with .cause).
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: string; message?: string };
    if (code === "ER_DUP_ENTRY") {
      if (message?.includes("users_username_uq")) return "username";
      return "email";
    }
  }
  return null;
}

/** Inserts a user. A duplicate email/username (any case, even from a concurrent request) is reported, not thrown. */
export async function createUser({
  email,
  username,
  fullName,
  passwordHash,
  isAdmin = false,
  canCreateCourses = false,
  db = getDb(),
}: {
  email: string;
  username: string;
  fullName: string;
  passwordHash: string;
  isAdmin?: boolean;
  canCreateCourses?: boolean;
  db?: DbOrTx;
}): Promise<CreateUserResult> {
  try {
    const [row] = await db
      .insert(users)
      .values({
        email: email.trim(),
        emailNormalized: normalizeEmail(email),
        username: username.trim(),
        usernameNormalized: normalizeUsername(username),
        fullName,
        passwordHash,
        isAdmin,
        canCreateCourses,
      })
      .$returningId();
    return { ok: true, id: row.id };
  } catch (err) {
    const field = duplicateFieldOf(err);
    if (field) return { ok: false, field };
    throw err;
  }
}

/** Which of email/username are already taken (for friendly messages before the insert). */
export async function findTakenFields({ email, username, db = getDb() }: { email: string; username: string; db?: DbOrTx }) {
  const [byEmail, byUsername] = await Promise.all([
    db.select({ id: users.id }).from(users).where(eq(users.emailNormalized, normalizeEmail(email))).limit(1),
    db.select({ id: users.id }).from(users).where(eq(users.usernameNormalized, normalizeUsername(username))).limit(1),
  ]);
  return { email: byEmail.length > 0, username: byUsername.length > 0 };
}

export async function updateUserFullName({ id, fullName, db = getDb() }: { id: number; fullName: string; db?: DbOrTx }): Promise<void> {
  await db.update(users).set({ fullName }).where(eq(users.id, id));
}

/** Sets a new password hash and bumps session_version, which signs out every existing session. Returns the new version. */
export async function updateUserPassword({ id, passwordHash, db = getDb() }: { id: number; passwordHash: string; db?: DbOrTx }): Promise<number> {
  await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id));
  await deleteUserSessions({ userId: id, db });
  const row = await getUserById({ id, db });
  return row?.sessionVersion ?? 0;
}

/** Deactivates/reactivates an account. Deactivation also bumps session_version. */
export async function setUserActive({ id, isActive, db = getDb() }: { id: number; isActive: boolean; db?: DbOrTx }): Promise<void> {
  await db
    .update(users)
    .set(isActive ? { isActive } : { isActive, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id));
  if (!isActive) await deleteUserSessions({ userId: id, db });
}

export async function setUserFlags({
  id,
  isAdmin,
  canCreateCourses,
  db = getDb(),
}: {
  id: number;
  isAdmin?: boolean;
  canCreateCourses?: boolean;
  db?: DbOrTx;
}): Promise<void> {
  const set: Partial<typeof users.$inferInsert> = {};
  if (isAdmin !== undefined) set.isAdmin = isAdmin;
  if (canCreateCourses !== undefined) set.canCreateCourses = canCreateCourses;
  if (Object.keys(set).length === 0) return;
  await db.update(users).set(set).where(eq(users.id, id));
}

export async function touchLastLogin({ id, db = getDb() }: { id: number; db?: DbOrTx }): Promise<void> {
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, id));
}

/** Does the user hold any per-course role (staff or instructor) anywhere? */
export async function userHasAnyCourseRole({ userId, db = getDb() }: { userId: number; db?: DbOrTx }): Promise<boolean> {
  const rows = await db.select({ id: courseRoles.id }).from(courseRoles).where(eq(courseRoles.userId, userId)).limit(1);
  return rows.length > 0;
}

// ---- signed-in sessions (one row per session cookie) -----------------------------------------

/** Records a new session; also drops this user's expired ones so the table stays small. */
export async function createUserSession({
  userId,
  sid,
  expiresAt,
  now = new Date(),
  db = getDb(),
}: {
  userId: number;
  sid: string;
  expiresAt: Date;
  now?: Date;
  db?: DbOrTx;
}): Promise<void> {
  await db.delete(userSessions).where(and(eq(userSessions.userId, userId), lte(userSessions.expiresAt, now)));
  await db.insert(userSessions).values({ userId, sid, expiresAt });
}

// Asked by every signed-in request (lib/auth/session.ts getCurrentUser): prepared (lib/db/prepared.ts).
const userBySessionQuery = preparedQuery((db) =>
  db
    .select({ user: sessionUserColumns })
    .from(users)
    .innerJoin(userSessions, and(eq(userSessions.userId, users.id), eq(userSessions.sid, sql.placeholder("sid")), gt(userSessions.expiresAt, sql.placeholder("now"))))
    .where(eq(users.id, sql.placeholder("userId")))
    .limit(1)
    .prepare(),
);

/**
 * The user of a session cookie, in one query: the users row, provided the cookie's session row
 * still exists (not signed out) and has not expired. The caller still checks session_version
 * and is_active (lib/auth/session.ts).
 */
export async function getUserBySession({ userId, sid, now = new Date(), db = getDb() }: { userId: number; sid: string; now?: Date; db?: DbOrTx }): Promise<SessionUserRow | null> {
  const rows = await userBySessionQuery(db).execute({ userId, sid, now });
  return rows[0]?.user ?? null;
}

/** Ends one session (sign-out). */
export async function deleteUserSession({ sid, db = getDb() }: { sid: string; db?: DbOrTx }): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.sid, sid));
}

/** Ends every session of a user (sign out everywhere, password change, deactivation). */
export async function deleteUserSessions({ userId, db = getDb() }: { userId: number; db?: DbOrTx }): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.userId, userId));
}

// ---- sign-in attempts -------------------------------------------------------------------------

export async function recordLoginAttempt({
  identifier,
  userId,
  ip,
  succeeded,
  db = getDb(),
}: {
  identifier: string;
  userId: number | null;
  ip: string;
  succeeded: boolean;
  db?: DbOrTx;
}): Promise<void> {
  await db.insert(loginAttempts).values({ identifier: identifier.slice(0, 254), userId, ip: ip.slice(0, 64), succeeded });
}

export type FailureCount = { failures: number; oldestAt: Date | null; newestAt: Date | null };

/**
 * Failed sign-ins for one account since `since` that came after its last successful sign-in
 * (a success clears the account's count). The account is the user id when known, otherwise the
 * normalized identifier that was typed. With `ip`, only attempts from that address count (and
 * only a success from that address clears them).
 */
export async function countAccountFailures({
  userId,
  identifier,
  ip,
  since,
  db = getDb(),
}: {
  userId: number | null;
  identifier: string;
  ip?: string;
  since: Date;
  db?: DbOrTx;
}): Promise<FailureCount> {
  const account = userId !== null ? eq(loginAttempts.userId, userId) : eq(loginAttempts.identifier, identifier);
  const who = ip === undefined ? account : and(account, eq(loginAttempts.ip, ip));
  const lastOk = await db
    .select({ at: loginAttempts.createdAt })
    .from(loginAttempts)
    .where(and(who, eq(loginAttempts.succeeded, true), gt(loginAttempts.createdAt, since)))
    .orderBy(desc(loginAttempts.createdAt))
    .limit(1);
  const from = lastOk[0]?.at && lastOk[0].at > since ? lastOk[0].at : since;
  const [row] = await db
    .select({ failures: count(), oldestAt: min(loginAttempts.createdAt), newestAt: max(loginAttempts.createdAt) })
    .from(loginAttempts)
    .where(and(who, eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, from)));
  return { failures: Number(row?.failures ?? 0), oldestAt: toDate(row?.oldestAt), newestAt: toDate(row?.newestAt) };
}

/** Has this user signed in successfully from this address since `since`? */
export async function hasSignedInFrom({ userId, ip, since, db = getDb() }: { userId: number; ip: string; since: Date; db?: DbOrTx }): Promise<boolean> {
  const rows = await db
    .select({ id: loginAttempts.id })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.userId, userId), eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, true), gt(loginAttempts.createdAt, since)))
    .limit(1);
  return rows.length > 0;
}

/** Failed sign-ins from one IP address since `since` (any account). */
export async function countIpFailures({ ip, since, db = getDb() }: { ip: string; since: Date; db?: DbOrTx }): Promise<FailureCount> {
  const [row] = await db
    .select({ failures: count(), oldestAt: min(loginAttempts.createdAt), newestAt: max(loginAttempts.createdAt) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, since)));
  return { failures: Number(row?.failures ?? 0), oldestAt: toDate(row?.oldestAt), newestAt: toDate(row?.newestAt) };
}

function toDate(v: unknown): Date | null {
  if (v == null) return null;
  if (v instanceof Date) return v;
  // MIN() over a DATETIME comes back as a string in some drivers/modes; the pool uses UTC ("Z").
  const s = String(v);
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(" ", "T")}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

// ---- password-reset tokens --------------------------------------------------------------------

export async function createPasswordResetToken({
  userId,
  tokenHash,
  expiresAt,
  db = getDb(),
}: {
  userId: number;
  tokenHash: string;
  expiresAt: Date;
  db?: DbOrTx;
}): Promise<void> {
  await db.insert(passwordResetTokens).values({ userId, tokenHash, expiresAt });
}

/** How many reset links a user was sent since `since` (limits mail floods). */
export async function countResetTokensSince({ userId, since, db = getDb() }: { userId: number; since: Date; db?: DbOrTx }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.userId, userId), gt(passwordResetTokens.createdAt, since)));
  return Number(row?.n ?? 0);
}

/** The user a still-valid (unused, unexpired) token belongs to, or null. Does not consume it. */
export async function findValidPasswordResetToken({ tokenHash, now = new Date(), db = getDb() }: { tokenHash: string; now?: Date; db?: DbOrTx }) {
  const rows = await db
    .select({ id: passwordResetTokens.id, userId: passwordResetTokens.userId })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Uses a token and sets the new password in one transaction. The conditional update makes the
 * token single-use even when two requests race. Every other open token of the user is spent too.
 * Returns the user id, or null when the token is unknown, used or expired.
 */
export async function consumePasswordResetToken({
  tokenHash,
  passwordHash,
  now = new Date(),
}: {
  tokenHash: string;
  passwordHash: string;
  now?: Date;
}): Promise<number | null> {
  return getDb().transaction(async (tx) => {
    const token = await findValidPasswordResetToken({ tokenHash, now, db: tx });
    if (!token) return null;
    const [res] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.id, token.id), isNull(passwordResetTokens.usedAt)));
    if (res.affectedRows !== 1) return null;
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.userId, token.userId), isNull(passwordResetTokens.usedAt)));
    await updateUserPassword({ id: token.userId, passwordHash, db: tx });
    return token.userId;
  });
}
