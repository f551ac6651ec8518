// Accounts, global flags, per-course roles, signed-in sessions, sign-in attempts and password-reset tokens.
import { boolean, index, int, mysqlTable, uniqueIndex, varchar, char, mysqlEnum } from "drizzle-orm/mysql-core";
import { at, createdAt, id, ref, updatedAt } from "./columns";

export const users = mysqlTable(
  "users",
  {
    id: id(),
    email: varchar("email", { length: 254 }).notNull(),
    /** lower-cased email: uniqueness is case-insensitive whatever the collation. */
    emailNormalized: varchar("email_normalized", { length: 254 }).notNull(),
    username: varchar("username", { length: 30 }).notNull(),
    usernameNormalized: varchar("username_normalized", { length: 30 }).notNull(),
    fullName: varchar("full_name", { length: 255 }).notNull(),
    passwordHash: varchar("password_hash", { length: 100 }).notNull(),
    isActive: boolean("is_active").notNull().default(true),
    isAdmin: boolean("is_admin").notNull().default(false),
    canCreateCourses: boolean("can_create_courses").notNull().default(false),
    /** Bumped on password change: JWTs carrying an older value are signed out. */
    sessionVersion: int("session_version").notNull().default(1),
    lastLoginAt: at("last_login_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_uq").on(t.emailNormalized), uniqueIndex("users_username_uq").on(t.usernameNormalized)],
);

export const courseRoles = mysqlTable(
  "course_roles",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    courseId: ref("course_id").notNull(),
    role: mysqlEnum("role", ["staff", "instructor"]).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("course_roles_uq").on(t.userId, t.courseId, t.role), index("course_roles_course_idx").on(t.courseId)],
);

/** Every change to a course's team (Studio's Course team page): who did what to whom, when. */
export const courseTeamLog = mysqlTable(
  "course_team_log",
  {
    id: id(),
    courseId: ref("course_id").notNull(),
    /** null when the change was made by a script */
    actorId: ref("actor_id"),
    targetUserId: ref("target_user_id").notNull(),
    action: mysqlEnum("action", ["add", "change", "remove"]).notNull(),
    oldRole: mysqlEnum("old_role", ["staff", "instructor"]),
    newRole: mysqlEnum("new_role", ["staff", "instructor"]),
    createdAt: createdAt(),
  },
  (t) => [index("course_team_log_course_idx").on(t.courseId, t.id)],
);

/**
 * One row per signed-in browser. The session cookie (a JWT) carries the row's random `sid`;
 * signing out deletes the row, so a copied cookie stops working at once, not when it expires.
 */
export const userSessions = mysqlTable(
  "user_sessions",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    /** Random, base64url; only inside the encrypted session cookie. */
    sid: varchar("sid", { length: 64 }).notNull(),
    expiresAt: at("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("user_sessions_sid_uq").on(t.sid), index("user_sessions_user_idx").on(t.userId)],
);

export const loginAttempts = mysqlTable(
  "login_attempts",
  {
    id: id(),
    /** The normalized login (email or username) that was tried. */
    identifier: varchar("identifier", { length: 254 }).notNull(),
    userId: ref("user_id"),
    ip: varchar("ip", { length: 64 }).notNull(),
    succeeded: boolean("succeeded").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("login_attempts_ident_idx").on(t.identifier, t.createdAt), index("login_attempts_ip_idx").on(t.ip, t.createdAt)],
);

export const passwordResetTokens = mysqlTable(
  "password_reset_tokens",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    /** sha256 of the token; the token itself is only in the emailed link. */
    tokenHash: char("token_hash", { length: 64 }).notNull(),
    expiresAt: at("expires_at").notNull(),
    usedAt: at("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("password_reset_tokens_hash_uq").on(t.tokenHash), index("password_reset_tokens_user_idx").on(t.userId)],
);
