import "server-only";
// The forum service: every read and write of the course forum goes through here, from the JSON
// routes (app/api/lms/courses/[courseKey]/forum/…) and the server actions (lib/actions/forum/…).
// Each call loads the caller's standing ONCE (lib/lms/course-context: course, user, roles,
// enrollment; plus the forum's community-TA role and ban), asks the pure rules
// (lib/forum/rules.ts) and only then touches the database (lib/db/queries/forum.ts), whose
// transactions re-run the rules that depend on the thread's state on the locked row.
import { actorOf, getSessionClaims, sessionUserOf, type SessionClaims, type SessionUser } from "@/lib/auth/session";
import { canCourse, type CourseFacts } from "@/lib/auth/permissions";
import { getLearnerView, getVersionData, type VersionData } from "@/lib/db/queries/courseware";
import type { LearnerView, Viewer } from "@/lib/lms/outline";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import * as q from "@/lib/db/queries/forum";
import { getCourseRolesOfUser, isActivelyEnrolled } from "@/lib/db/queries/course-access";
import { findUserByLogin } from "@/lib/db/queries/problems";
import { renderForumMarkdown } from "./markdown";
import { forumPolicyOf, forumTopics, inBlackout, type ForumPolicy, type ForumTopic } from "./policy";
import * as rules from "./rules";
import type { Anonymity, ForumActor, ForumMoment, Verdict } from "./rules";

export const TITLE_MAX = 300;
export const BODY_MAX = 20_000;
export const REASON_MAX = 500;

export interface ForumContext {
  user: SessionUser;
  courseId: number;
  courseKey: string;
  version: VersionData;
  viewer: Viewer;
  actor: ForumActor;
  policy: ForumPolicy;
  topics: ForumTopic[];
  moment: ForumMoment;
  /** learners see only the threads of topics they can see; null for staff (every topic) */
  visibleTopicIds: string[] | null;
  /** the course forum's revision (lib/forum/list-cache.ts keys list pages by it) */
  forumRevision: number;
}

/**
 * The viewer's topics, computed once per cached learner view (getLearnerView keeps one per
 * version and audience until the next release date, the same moments the topics can change):
 * the forum's routes otherwise walked the whole outline on every request.
 */
const topicsByView = new WeakMap<LearnerView, ForumTopic[]>();
function topicsOf(version: VersionData, viewer: Viewer): ForumTopic[] {
  const view = getLearnerView({ version, viewer });
  let topics = topicsByView.get(view);
  if (!topics) {
    topics = forumTopics(version.outline, viewer, view);
    topicsByView.set(view, topics);
  }
  return topics;
}

function enforce(v: Verdict): void {
  if (!v.ok) throw new AppError(v.code as `forbidden:${string}`, v.message);
}

/**
 * The caller's standing in a course's forum, in ONE round trip: the session's user (checked against
 * its session row as lib/auth/session does), the course, roles, enrollment, community-TA role and
 * ban (getForumAccess); the published version's outline comes from the per-version cache. Throws
 * not_found:course (also for an unpublished course), unauthorized, or forbidden:course (neither
 * enrolled nor staff). `claims` are the session's when the caller decoded the cookie itself
 * (proxy.ts answers forum reads before Next's request scope exists); otherwise they are read here.
 */
export async function loadForum(courseKey: string, claims?: SessionClaims | null): Promise<ForumContext> {
  if (claims === undefined) claims = await getSessionClaims();
  const access = await q.getForumAccess({ courseKey, userId: claims?.uid ?? 0, sid: claims?.sid ?? null });
  const user = claims && access ? sessionUserOf({ claims, row: access.user }) : null;
  if (!user) {
    // anonymous: an unknown course is still a 404 (user id 0 holds no roles), a known one asks to sign in
    if (!access?.course.publishedVersionId) throw new AppError("not_found:course", "That course does not exist.");
    throw new AppError("unauthorized", "Please sign in to use the course discussions.");
  }
  const version = access?.course.publishedVersionId ? await getVersionData({ versionId: access.course.publishedVersionId }) : null;
  if (!access || !version) throw new AppError("not_found:course", "That course does not exist.");
  const facts: CourseFacts = { roles: access.roles, enrolled: access.enrolled, catalogVisibility: access.course.catalogVisibility };
  const isStaff = canCourse(actorOf(user), "course:view-staff-content", facts);
  const canView = canCourse(actorOf(user), "course:view-courseware", facts);
  const actor: ForumActor = { userId: user.id, canRead: canView, isStaff, isCommunityTA: canView && access.communityTA, banned: access.banned };
  enforce(rules.canRead(actor));
  const viewer: Viewer = { staff: isStaff, now: new Date() };
  const policy = forumPolicyOf(version.outline.root.settings);
  const topics = topicsOf(version, viewer);
  return {
    user,
    courseId: access.course.id,
    courseKey: access.course.courseKey,
    version,
    viewer,
    actor,
    policy,
    topics,
    moment: { blackout: inBlackout(policy, viewer.now) },
    visibleTopicIds: isStaff ? null : topics.map((t) => t.id),
    forumRevision: access.forumRevision,
  };
}

const clean = (s: string) => s.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");

function checkTitle(title: string): string {
  const t = clean(title).replace(/\s+/g, " ").trim();
  if (!t) throw new AppError("invalid:title", "Please give your post a title.", { fieldErrors: { title: "Please give your post a title." } });
  if (t.length > TITLE_MAX) throw new AppError("invalid:title", `A title has at most ${TITLE_MAX} characters.`, { fieldErrors: { title: `At most ${TITLE_MAX} characters.` } });
  return t;
}

function checkBody(body: string): string {
  const b = clean(body).trim();
  if (!b) throw new AppError("invalid:body", "Please write something first.", { fieldErrors: { body: "Please write something first." } });
  if (b.length > BODY_MAX) throw new AppError("invalid:body", `A post has at most ${BODY_MAX.toLocaleString("en")} characters.`, { fieldErrors: { body: `At most ${BODY_MAX} characters.` } });
  return b;
}

async function checkRate(f: ForumContext): Promise<void> {
  if (rules.isModerator(f.actor)) return;
  const limits = [
    { windowMs: 60_000, max: env().FORUM_POSTS_PER_MINUTE, label: "minute" },
    { windowMs: 3_600_000, max: env().FORUM_POSTS_PER_HOUR, label: "hour" },
  ];
  const counts = await q.countRecentPosts({ userId: f.actor.userId, courseId: f.courseId, windowsMs: limits.map((l) => l.windowMs) });
  enforce(rules.checkRate(f.actor, counts, limits));
}

/** A thread of this course the caller may see (learners: of a topic they can see), or not_found. */
export async function threadFor(f: ForumContext, threadId: number) {
  return visibleThread(f, await q.getThread({ threadId }));
}

/** The thread itself when the caller may see it (of this course, live, of a topic they can see), else not_found. */
export function visibleThread<T extends q.ThreadRow>(f: ForumContext, thread: T | null): T {
  if (!thread || thread.courseId !== f.courseId || thread.deletedAt || (f.visibleTopicIds !== null && !f.visibleTopicIds.includes(thread.topicId))) {
    throw new AppError("not_found:thread", "That thread does not exist.");
  }
  return thread;
}

/** A live post of this course the caller may see, with its thread. */
async function postFor(f: ForumContext, postId: number) {
  const post = await q.getPost({ postId });
  if (!post || post.courseId !== f.courseId || post.deletedAt) throw new AppError("not_found:post", "That post does not exist.");
  const thread = await threadFor(f, post.threadId);
  return { post, thread };
}

const guardThread = (v: (t: q.ThreadRow) => Verdict) => (t: q.ThreadRow) => enforce(v(t));

// ---------------------------------------------------------------------------------------------
// Writes

export async function createThread(f: ForumContext, input: { topicId: string; kind: "discussion" | "question"; title: string; body: string; anonymity: Anonymity }): Promise<{ threadId: number }> {
  enforce(rules.canPost(f.actor, f.moment));
  const topic = f.topics.find((t) => t.id === input.topicId);
  if (!topic) throw new AppError("invalid:topic", "Choose a topic for your post.", { fieldErrors: { topicId: "Choose a topic." } });
  enforce(rules.canUseAnonymity(input.anonymity, f.policy));
  const title = checkTitle(input.title);
  const bodyMd = checkBody(input.body);
  await checkRate(f);
  const threadId = await q.insertThread({ courseId: f.courseId, topicId: topic.id, kind: input.kind, title, bodyMd, bodyHtml: renderForumMarkdown(bodyMd), authorId: f.actor.userId, anonymity: input.anonymity });
  return { threadId };
}

export async function createPost(f: ForumContext, input: { threadId: number; parentId: number | null; body: string; anonymity: Anonymity }): Promise<{ postId: number }> {
  const current = await threadFor(f, input.threadId);
  const maxPosts = env().FORUM_MAX_POSTS_PER_THREAD;
  enforce(rules.canPost(f.actor, f.moment, { closed: current.closed, deleted: false, postCount: current.postCount, maxPosts }));
  enforce(rules.canUseAnonymity(input.anonymity, f.policy));
  const bodyMd = checkBody(input.body);
  await checkRate(f);
  const { postId } = await q.insertPost(
    { threadId: input.threadId, parentId: input.parentId, authorId: f.actor.userId, bodyMd, bodyHtml: renderForumMarkdown(bodyMd), anonymity: input.anonymity },
    (thread, parent) => {
      enforce(rules.canPost(f.actor, f.moment, { closed: thread.closed, deleted: thread.deletedAt !== null, postCount: thread.postCount, maxPosts }));
      if (input.parentId !== null) {
        if (!parent || parent.threadId !== thread.id || parent.deletedAt) throw new AppError("not_found:post", "The response you are commenting on no longer exists.");
        if (parent.parentId !== null) throw new AppError("invalid:post", "Comments go on a response, not on another comment.");
      }
    },
  );
  return { postId };
}

export async function editThread(f: ForumContext, input: { threadId: number; title: string; body: string }): Promise<void> {
  await threadFor(f, input.threadId);
  const title = checkTitle(input.title);
  const bodyMd = checkBody(input.body);
  await q.updateThreadText(
    { threadId: input.threadId, editorId: f.actor.userId, title, bodyMd, bodyHtml: renderForumMarkdown(bodyMd) },
    guardThread((t) => rules.canEdit(f.actor, f.moment, { authorId: t.authorId, deleted: t.deletedAt !== null })),
  );
}

export async function editPost(f: ForumContext, input: { postId: number; body: string }): Promise<void> {
  await postFor(f, input.postId);
  const bodyMd = checkBody(input.body);
  await q.updatePostText({ postId: input.postId, editorId: f.actor.userId, bodyMd, bodyHtml: renderForumMarkdown(bodyMd) }, (_t, p) =>
    enforce(rules.canEdit(f.actor, f.moment, { authorId: p.authorId, deleted: p.deletedAt !== null })),
  );
}

export async function deleteThread(f: ForumContext, input: { threadId: number }): Promise<void> {
  await threadFor(f, input.threadId);
  const thread = await q.softDeleteThread({ threadId: input.threadId, actorId: f.actor.userId }, guardThread((t) => rules.canDelete(f.actor, { authorId: t.authorId, deleted: t.deletedAt !== null })));
  if (thread.authorId !== f.actor.userId) await q.logModeration({ courseId: f.courseId, actorId: f.actor.userId, action: "delete_thread", targetUserId: thread.authorId, threadId: thread.id });
}

export async function deletePost(f: ForumContext, input: { postId: number }): Promise<void> {
  await postFor(f, input.postId);
  const { thread, post } = await q.softDeletePost({ postId: input.postId, actorId: f.actor.userId }, (_t, p) => enforce(rules.canDelete(f.actor, { authorId: p.authorId, deleted: p.deletedAt !== null })));
  if (post.authorId !== f.actor.userId) await q.logModeration({ courseId: f.courseId, actorId: f.actor.userId, action: "delete_post", targetUserId: post.authorId, threadId: thread.id, postId: post.id });
}

export async function vote(f: ForumContext, input: { target: "thread" | "post"; id: number; on: boolean }): Promise<{ votes: number }> {
  if (input.target === "thread") await threadFor(f, input.id);
  else await postFor(f, input.id);
  enforce(rules.canVote(f.actor, { deleted: false }));
  return { votes: await q.setVote({ userId: f.actor.userId, targetType: input.target, targetId: input.id, on: input.on }) };
}

export async function follow(f: ForumContext, input: { threadId: number; on: boolean }): Promise<void> {
  await threadFor(f, input.threadId);
  await q.setFollow({ userId: f.actor.userId, threadId: input.threadId, courseId: f.courseId, on: input.on });
}

export async function markAnswer(f: ForumContext, input: { postId: number; on: boolean }): Promise<void> {
  await postFor(f, input.postId);
  await q.setAnswer({ postId: input.postId, actorId: f.actor.userId, on: input.on }, (t, p) =>
    enforce(rules.canMarkAnswer(f.actor, { authorId: t.authorId, kind: t.kind, deleted: t.deletedAt !== null }, { parentId: p.parentId, deleted: p.deletedAt !== null })),
  );
}

export async function endorse(f: ForumContext, input: { postId: number; on: boolean }): Promise<void> {
  await postFor(f, input.postId);
  await q.setEndorsed({ postId: input.postId, actorId: f.actor.userId, on: input.on }, (_t, p) => enforce(rules.canEndorse(f.actor, { parentId: p.parentId, deleted: p.deletedAt !== null })));
}

export async function setThreadFlag(f: ForumContext, input: { threadId: number; flag: "pinned" | "closed"; on: boolean }): Promise<void> {
  enforce(rules.canModerate(f.actor));
  const thread = await threadFor(f, input.threadId);
  await q.setThreadFlag(input);
  const action = input.flag === "pinned" ? (input.on ? "pin" : "unpin") : input.on ? "close" : "reopen";
  await q.logModeration({ courseId: f.courseId, actorId: f.actor.userId, action, targetUserId: thread.authorId, threadId: thread.id });
}

export async function report(f: ForumContext, input: { threadId: number; postId: number | null; reason: string }): Promise<void> {
  const reason = clean(input.reason).replace(/\s+/g, " ").trim().slice(0, REASON_MAX);
  if (!reason) throw new AppError("invalid:reason", "Please say briefly what is wrong with this post.", { fieldErrors: { reason: "Please give a reason." } });
  let authorId: number;
  if (input.postId !== null) {
    const { post, thread } = await postFor(f, input.postId);
    if (thread.id !== input.threadId) throw new AppError("not_found:post", "That post does not exist.");
    authorId = post.authorId;
  } else {
    authorId = (await threadFor(f, input.threadId)).authorId;
  }
  enforce(rules.canReport(f.actor, { authorId, deleted: false }));
  const filed = await q.insertReport({ courseId: f.courseId, threadId: input.threadId, postId: input.postId, reporterId: f.actor.userId, reason });
  if (!filed) throw new AppError("conflict:report", "You have already reported this post; the course team will look at it.");
}

export async function resolveReport(f: ForumContext, input: { reportId: number; resolution: "dismissed" | "removed" }): Promise<{ resolved: number }> {
  enforce(rules.canModerate(f.actor));
  const r = await q.getReport({ reportId: input.reportId });
  if (!r || r.courseId !== f.courseId) throw new AppError("not_found:report", "That report does not exist.");
  if (r.resolvedAt) throw new AppError("conflict:report", "That report was already handled.");
  if (input.resolution === "removed") {
    // Removing a post that is already gone is fine: the report is closed either way.
    const t = await q.getThread({ threadId: r.threadId });
    if (r.postId === null) {
      if (t && !t.deletedAt) await deleteThread(f, { threadId: r.threadId });
    } else {
      const p = await q.getPost({ postId: r.postId });
      if (p && !p.deletedAt && t && !t.deletedAt) await deletePost(f, { postId: r.postId });
    }
  }
  const resolved = await q.resolveReports({ courseId: f.courseId, threadId: r.threadId, postId: r.postId, resolvedBy: f.actor.userId, resolution: input.resolution });
  await q.logModeration({ courseId: f.courseId, actorId: f.actor.userId, action: `report_${input.resolution}`, threadId: r.threadId, postId: r.postId });
  return { resolved };
}

/** Ban or unban a learner by username or email. Staff only; a course staff member cannot be banned. */
export async function setBan(f: ForumContext, input: { login: string; on: boolean; reason?: string }): Promise<{ username: string }> {
  enforce(rules.canManageForumUsers(f.actor));
  const target = await findUserByLogin({ login: input.login.trim().slice(0, 254) });
  if (!target) throw new AppError("not_found:user", `No user named “${input.login.trim()}”.`, { fieldErrors: { login: "No such user." } });
  if (input.on) {
    if (target.id === f.actor.userId) throw new AppError("invalid:ban", "You cannot ban yourself.");
    if ((await getCourseRolesOfUser({ userId: target.id, courseId: f.courseId })).length > 0) throw new AppError("invalid:ban", "Course staff cannot be banned from the discussions.");
    const added = await q.addBan({ courseId: f.courseId, userId: target.id, bannedBy: f.actor.userId, reason: clean(input.reason ?? "").trim().slice(0, REASON_MAX) });
    if (!added) throw new AppError("conflict:ban", `${target.username} is already banned.`);
  } else if (!(await q.removeBan({ courseId: f.courseId, userId: target.id }))) {
    throw new AppError("conflict:ban", `${target.username} is not banned.`);
  }
  await q.logModeration({ courseId: f.courseId, actorId: f.actor.userId, action: input.on ? "ban" : "unban", targetUserId: target.id, detail: input.reason ?? null });
  return { username: target.username };
}

/** Grant or revoke the community TA role (staff only; the user must be enrolled). */
export async function setCommunityTA(f: ForumContext, input: { login: string; on: boolean }): Promise<{ username: string }> {
  enforce(rules.canManageForumUsers(f.actor));
  const target = await findUserByLogin({ login: input.login.trim().slice(0, 254) });
  if (!target) throw new AppError("not_found:user", `No user named “${input.login.trim()}”.`, { fieldErrors: { login: "No such user." } });
  if (input.on) {
    if (!(await isActivelyEnrolled({ userId: target.id, courseId: f.courseId }))) throw new AppError("invalid:role", `${target.username} is not enrolled in this course.`, { fieldErrors: { login: "Not enrolled in this course." } });
    if (!(await q.addCommunityTA({ courseId: f.courseId, userId: target.id, grantedBy: f.actor.userId }))) throw new AppError("conflict:role", `${target.username} is already a community TA.`);
  } else if (!(await q.removeCommunityTA({ courseId: f.courseId, userId: target.id }))) {
    throw new AppError("conflict:role", `${target.username} is not a community TA.`);
  }
  await q.logModeration({ courseId: f.courseId, actorId: f.actor.userId, action: input.on ? "grant_community_ta" : "revoke_community_ta", targetUserId: target.id });
  return { username: target.username };
}
