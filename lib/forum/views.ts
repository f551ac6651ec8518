// What a reader is sent about threads, posts and notifications (PURE). The one place that decides
// whether an author's name leaves the server: an anonymous post's author id and name are dropped
// for readers who may not see them (lib/forum/rules.ts seesAuthor), so no JSON carries them.
import { excerptOf } from "./markdown";
import { seesAuthor, type Anonymity, type ForumActor } from "./rules";

export interface AuthorView {
  /** null when hidden from this reader */
  username: string | null;
  name: string;
  anonymity: Anonymity;
  /** the reader wrote it */
  mine: boolean;
  /** course staff, shown as a badge (only when the name is shown) */
}

export function authorView(reader: Pick<ForumActor, "userId" | "isStaff" | "isCommunityTA">, row: { authorId: number; anonymity: Anonymity; username: string; fullName: string }): AuthorView {
  const mine = row.authorId === reader.userId;
  if (!seesAuthor(reader, { authorId: row.authorId, anonymity: row.anonymity })) return { username: null, name: "Anonymous", anonymity: row.anonymity, mine };
  return { username: row.username, name: row.fullName.trim() || row.username, anonymity: row.anonymity, mine };
}

export interface ThreadSummaryView {
  id: number;
  topicId: string;
  kind: "discussion" | "question";
  title: string;
  excerpt: string;
  author: AuthorView;
  pinned: boolean;
  closed: boolean;
  answered: boolean;
  votes: number;
  voted: boolean;
  following: boolean;
  posts: number;
  /** new responses/comments since the reader last opened it; -1: never opened */
  unread: number;
  lastActivityAt: string;
  createdAt: string;
}

/** A thread's excerpt in lists: the plain text of the start of its body. */
export const threadExcerpt = (excerptMd: string) => excerptOf(excerptMd, 160);

export function threadSummaryView(
  reader: Pick<ForumActor, "userId" | "isStaff" | "isCommunityTA">,
  r: {
    id: number; topicId: string; kind: "discussion" | "question"; title: string; excerptMd: string; authorId: number; authorUsername: string; authorFullName: string;
    anonymity: Anonymity; pinned: boolean; closed: boolean; answered: boolean; voteCount: number; postCount: number; postSeq: number; lastActivityAt: Date; createdAt: Date;
    seenSeq: number | null; following: boolean; voted: boolean;
    /** the excerpt, when a cache already made it from excerptMd */
    excerpt?: string;
  },
): ThreadSummaryView {
  return {
    id: r.id,
    topicId: r.topicId,
    kind: r.kind,
    title: r.title,
    excerpt: r.excerpt ?? threadExcerpt(r.excerptMd),
    author: authorView(reader, { authorId: r.authorId, anonymity: r.anonymity, username: r.authorUsername, fullName: r.authorFullName }),
    pinned: r.pinned,
    closed: r.closed,
    answered: r.answered,
    votes: r.voteCount,
    voted: r.voted,
    following: r.following,
    posts: r.postCount,
    unread: r.seenSeq === null ? -1 : Math.max(0, r.postSeq - r.seenSeq),
    lastActivityAt: r.lastActivityAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
  };
}

export type NotificationKind = "reply_to_my_thread" | "reply_to_my_post" | "reply_in_followed" | "answer_marked" | "endorsed";

/** "Ana replied to your question “…”" — the sentence of a notification, with the actor hidden when anonymous to this reader. */
export function notificationText(kind: NotificationKind, actor: string): string {
  switch (kind) {
    case "reply_to_my_thread":
      return `${actor} replied to your post`;
    case "reply_to_my_post":
      return `${actor} commented on your response`;
    case "reply_in_followed":
      return `${actor} replied in a thread you follow`;
    case "answer_marked":
      return `${actor} marked your response as the answer`;
    case "endorsed":
      return `${actor} endorsed your response`;
  }
}
