// Who may do what in a course forum (PURE: the caller loads the facts). The course-level gate is
// the permission matrix (lib/auth/permissions.ts: signed in and enrolled, or course staff); these
// rules add the forum's own per-action checks: moderator, community TA, author of the post,
// banned, closed thread, blackout period and anonymity. Every route and action asks here.

export type ForumRole = "staff" | "community_ta" | "learner";

export interface ForumActor {
  userId: number;
  /** may read the forum at all: enrolled learner, course staff or admin */
  canRead: boolean;
  /** course staff, instructor or site admin */
  isStaff: boolean;
  /** holds the course's community TA role (and may read) */
  isCommunityTA: boolean;
  banned: boolean;
}

export interface ForumMoment {
  /** the course policy puts the forum in a blackout period now */
  blackout: boolean;
}

export type Denial = { code: string; message: string };
export type Verdict = { ok: true } | ({ ok: false } & Denial);

const YES: Verdict = { ok: true };
const no = (code: string, message: string): Verdict => ({ ok: false, code, message });

/** Moderators: course staff and community TAs (pin, close, delete, endorse, reports, edit history). */
export function isModerator(a: ForumActor): boolean {
  return a.canRead && (a.isStaff || a.isCommunityTA);
}

export function roleOf(a: Pick<ForumActor, "isStaff" | "isCommunityTA">): ForumRole {
  return a.isStaff ? "staff" : a.isCommunityTA ? "community_ta" : "learner";
}

export function canRead(a: ForumActor): Verdict {
  return a.canRead ? YES : no("forbidden:course", "Only learners enrolled in this course and its staff can use its discussions.");
}

/** Start a thread, respond, comment. Moderators are exempt from blackouts (they may post announcements). */
export function canPost(a: ForumActor, m: ForumMoment, thread?: { closed: boolean; deleted: boolean; postCount?: number; maxPosts?: number }): Verdict {
  const r = canRead(a);
  if (!r.ok) return r;
  if (a.banned) return no("forbidden:banned", "You have been banned from posting in this course's discussions.");
  if (m.blackout && !isModerator(a)) return no("forbidden:blackout", "Discussions are read-only during this blackout period set by the course team.");
  if (thread?.deleted) return no("not_found:thread", "That thread does not exist.");
  if (thread?.closed) return no("forbidden:closed", "This thread is closed: it takes no new posts.");
  // A thread is read whole (lib/forum/thread-cache.ts): its size is bounded here, for moderators too.
  if (thread?.postCount !== undefined && thread.maxPosts !== undefined && thread.postCount >= thread.maxPosts) {
    return no("conflict:thread_full", `This thread has reached ${thread.maxPosts.toLocaleString("en-US")} posts and takes no more: start a new thread to go on.`);
  }
  return YES;
}

/** Edit a thread or post: its author (not banned, not in a blackout) or a moderator. */
export function canEdit(a: ForumActor, m: ForumMoment, post: { authorId: number; deleted: boolean }): Verdict {
  const r = canRead(a);
  if (!r.ok) return r;
  if (post.deleted) return no("not_found:post", "That post does not exist.");
  if (isModerator(a)) return YES;
  if (post.authorId !== a.userId) return no("forbidden:post", "You can only edit your own posts.");
  if (a.banned) return no("forbidden:banned", "You have been banned from posting in this course's discussions.");
  if (m.blackout) return no("forbidden:blackout", "Discussions are read-only during this blackout period set by the course team.");
  return YES;
}

/** Delete a thread or post: its author or a moderator. */
export function canDelete(a: ForumActor, post: { authorId: number; deleted: boolean }): Verdict {
  const r = canRead(a);
  if (!r.ok) return r;
  if (post.deleted) return no("not_found:post", "That post does not exist.");
  if (isModerator(a) || post.authorId === a.userId) return YES;
  return no("forbidden:post", "You can only delete your own posts.");
}

export function canVote(a: ForumActor, target: { deleted: boolean }): Verdict {
  const r = canRead(a);
  if (!r.ok) return r;
  if (a.banned) return no("forbidden:banned", "You have been banned from posting in this course's discussions.");
  if (target.deleted) return no("not_found:post", "That post does not exist.");
  return YES;
}

/** Mark a response as the answer to a question: the question's author or a moderator. */
export function canMarkAnswer(a: ForumActor, thread: { authorId: number; kind: "discussion" | "question"; deleted: boolean }, post: { parentId: number | null; deleted: boolean }): Verdict {
  const r = canRead(a);
  if (!r.ok) return r;
  if (thread.deleted || post.deleted) return no("not_found:post", "That post does not exist.");
  if (thread.kind !== "question") return no("invalid:thread", "Only a question has an answer.");
  if (post.parentId !== null) return no("invalid:post", "Only a response (not a comment) can be the answer.");
  if (thread.authorId !== a.userId && !isModerator(a)) return no("forbidden:post", "Only the person who asked can mark the answer.");
  return YES;
}

/** Endorse a response: course staff and community TAs. */
export function canEndorse(a: ForumActor, post: { parentId: number | null; deleted: boolean }): Verdict {
  const r = canRead(a);
  if (!r.ok) return r;
  if (!isModerator(a)) return no("forbidden:moderator", "Only course staff and community TAs can endorse a response.");
  if (post.deleted) return no("not_found:post", "That post does not exist.");
  if (post.parentId !== null) return no("invalid:post", "Only a response (not a comment) can be endorsed.");
  return YES;
}

/** Pin, close, read the report queue and edit history, resolve reports. */
export function canModerate(a: ForumActor): Verdict {
  const r = canRead(a);
  if (!r.ok) return r;
  return isModerator(a) ? YES : no("forbidden:moderator", "Only course staff and community TAs can moderate discussions.");
}

/** Ban or unban a user, grant or revoke the community TA role: course staff only (not TAs). */
export function canManageForumUsers(a: ForumActor): Verdict {
  const r = canRead(a);
  if (!r.ok) return r;
  return a.isStaff ? YES : no("forbidden:staff", "Only course staff can ban users or change forum roles.");
}

/** Report a post (not your own). */
export function canReport(a: ForumActor, post: { authorId: number; deleted: boolean }): Verdict {
  const r = canRead(a);
  if (!r.ok) return r;
  if (post.deleted) return no("not_found:post", "That post does not exist.");
  if (post.authorId === a.userId) return no("invalid:report", "You cannot report your own post.");
  return YES;
}

export type Anonymity = "none" | "anonymous" | "peers";

/** May the author post with this anonymity? `anonymous` needs allow_anonymous, `peers` allow_anonymous_to_peers. */
export function canUseAnonymity(anonymity: Anonymity, policy: { allowAnonymous: boolean; allowAnonymousToPeers: boolean }): Verdict {
  if (anonymity === "anonymous" && !policy.allowAnonymous) return no("invalid:anonymity", "This course does not allow anonymous posts.");
  if (anonymity === "peers" && !policy.allowAnonymousToPeers) return no("invalid:anonymity", "This course does not allow posts anonymous to classmates.");
  return YES;
}

/**
 * Does this reader see who wrote a post? Always for a named post and for its author; course staff
 * see every author; community TAs also see posts anonymous to peers; other learners never.
 */
export function seesAuthor(a: Pick<ForumActor, "userId" | "isStaff" | "isCommunityTA">, post: { authorId: number; anonymity: Anonymity }): boolean {
  if (post.anonymity === "none" || post.authorId === a.userId || a.isStaff) return true;
  return post.anonymity === "peers" && a.isCommunityTA;
}

/** Posting rate limit per user per course (moderators are exempt). */
export const RATE_LIMITS = [
  { windowMs: 60_000, max: 5, label: "minute" },
  { windowMs: 3_600_000, max: 60, label: "hour" },
] as const;

/** Given how many posts the user made in each window, the denial (or ok). */
export function checkRate(a: ForumActor, counts: readonly number[], limits: readonly { max: number; label: string }[] = RATE_LIMITS): Verdict {
  if (isModerator(a)) return YES;
  for (let i = 0; i < limits.length; i++) {
    if ((counts[i] ?? 0) >= limits[i].max) return no("rate_limited:forum", `You are posting too fast: at most ${limits[i].max} posts a ${limits[i].label}. Please wait a little and try again.`);
  }
  return YES;
}
