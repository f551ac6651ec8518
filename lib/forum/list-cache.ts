import "server-only";
// Thread list and search pages as every reader of one audience sees them, cached in process
// memory under the course forum's revision (forum_course_revisions, bumped in the same
// transaction by every write that changes a list or a search's answer, and read per request with
// the caller's access row): a key names one immutable state, so instances never disagree and an
// entry is never invalidated, only evicted (LRU, byte budget LMS_CACHE_BUDGETS.forumLists). Only
// the reader-independent filters are cached ("all", "unanswered"); authors are kept raw and pass
// lib/forum/views.ts per reader, and the reader's marker/follow/vote come from one small query.
// The forum overview's thread count per topic is cached the same way, beside the pages.
import { forumListPages, type ForumListPage } from "@/lib/db/queries/courseware";
import * as q from "@/lib/db/queries/forum";
import { threadExcerpt } from "./views";

export interface ListPageKey {
  courseId: number;
  revision: number;
  /** the topics the audience sees (null: staff, every topic) */
  visibleTopicIds: readonly string[] | null;
  topicId: string | null;
  filter: "all" | "unanswered";
  sort: q.ThreadSort;
  search: string | null;
  cursor: q.ThreadCursor | null;
  limit: number;
}

/** Estimated bytes of a page: its strings plus ~300 bytes of objects per row. */
export function listPageBytes(p: ForumListPage): number {
  let n = 64;
  for (const r of p.rows) n += 300 + r.title.length + r.excerptMd.length + (r.excerpt?.length ?? 0) + r.topicId.length + r.authorUsername.length + r.authorFullName.length;
  return n;
}

function keyOf(k: ListPageKey): string {
  return JSON.stringify([k.courseId, k.revision, k.visibleTopicIds, k.topicId, k.filter, k.sort, k.search, k.cursor && [k.cursor.pinned, k.cursor.key, k.cursor.id], k.limit]);
}

/** One page of threads for an audience at the course forum's revision; a miss runs the list query once (concurrent readers share it). */
export function listPage(k: ListPageKey): Promise<ForumListPage> {
  return forumListPages.load(
    keyOf(k),
    (): Promise<ForumListPage> =>
      q
        .listThreads({ courseId: k.courseId, userId: 0, topicId: k.topicId, visibleTopicIds: k.visibleTopicIds, filter: k.filter, sort: k.sort, search: k.search, cursor: k.cursor, limit: k.limit, withReader: false })
        .then(({ rows, next }) => ({ rows: rows.map(({ seenSeq: _s, following: _f, voted: _v, ...entry }) => ({ ...entry, excerpt: threadExcerpt(entry.excerptMd) })), next })),
    listPageBytes,
  );
}

/** Live threads per topic at the course forum's revision (the same for every reader); a miss counts once. */
export function topicThreadCounts(courseId: number, revision: number): Promise<Map<string, number>> {
  const key = `counts:${courseId}:${revision}`; // no page key starts with "counts" (keyOf writes JSON arrays)
  return forumListPages.load(
    key,
    () => q.countThreadsByTopic({ courseId }),
    (v) => 64 + [...v.keys()].reduce((n, t) => n + 48 + t.length, 0),
  );
}
