import "server-only";
// A thread's posts as every reader's view is built from, cached in process memory under
// (thread id, revision). The revision (forum_threads.revision) is bumped in the same transaction
// by every write that changes what readers see (lib/db/queries/forum.ts), and each request reads
// it with the thread row, so a key names one immutable state: every instance answers the same
// after any write, and an entry is never invalidated, only evicted (LRU, byte budget
// LMS_CACHE_BUDGETS.forumThreads). Authors are kept raw: lib/forum/views.ts decides per reader
// whether a name leaves the server, so a warm entry serves staff and learners alike. Beside the
// posts, an entry keeps each audience's JSON text of them (sharedPostTexts, lib/forum/post-text.ts:
// learners, community TAs, staff), built for a reader who wrote none of them, so it names no
// anonymous author that audience may not see.
import { forumThreadPosts, type ForumThreadPosts } from "@/lib/db/queries/courseware";
import * as q from "@/lib/db/queries/forum";

/** Estimated bytes of an entry: its strings at one byte a character plus ~240 bytes of objects per post. */
export function threadPostsBytes(v: ForumThreadPosts): number {
  let n = 64;
  for (const p of v.posts) n += 240 + p.bodyHtml.length + p.bodyMd.length + p.authorUsername.length + p.authorFullName.length;
  return n;
}

const keyOf = (threadId: number, revision: number) => `${threadId}:${revision}`;

/**
 * The live posts of a thread at `revision` (the revision the caller read with the thread row).
 * A miss loads them once (concurrent readers share the promise); the load reads the revision in
 * the same statement, so a write that landed in between is cached under its own, newer key.
 */
export async function threadPosts(threadId: number, revision: number): Promise<ForumThreadPosts> {
  const key = keyOf(threadId, revision);
  let p = forumThreadPosts.get(key);
  if (!p) {
    p = q.listPostsOfThread({ threadId }).then((r) => (r.revision === null ? null : { revision: r.revision, posts: r.posts }));
    forumThreadPosts.set(key, p, 0);
    p.then(
      (v) => {
        if (!v) return forumThreadPosts.delete(key);
        if (v.revision === revision) return forumThreadPosts.resize(key, threadPostsBytes(v));
        // newer than asked for: keep it under its own revision, not under the stale key
        forumThreadPosts.delete(key);
        forumThreadPosts.set(keyOf(threadId, v.revision), Promise.resolve(v), threadPostsBytes(v));
      },
      () => forumThreadPosts.delete(key),
    );
  }
  const v = await p;
  return v ?? { revision, posts: [] };
}

/** Per cached entry (it holds them while it lives): each audience's shared post texts by post id, and the entry's estimated bytes with them. */
const sharedTexts = new WeakMap<ForumThreadPosts, { byAudience: Map<string, Map<number, string>>; bytes: number }>();

/**
 * One audience's shared JSON text of a post of this entry (post-text.ts sharedPostText): built the
 * first time a reader of that audience is sent that post, then kept with the entry (a page builds
 * only its own posts' texts, as a long thread is read a page at a time). The entry's size in the
 * cache grows by each text, and the texts go when it is evicted.
 */
export function sharedPostTexts(threadId: number, entry: ForumThreadPosts, audience: string, build: (p: ForumThreadPosts["posts"][number]) => string): (p: ForumThreadPosts["posts"][number]) => string {
  let shared = sharedTexts.get(entry);
  if (!shared) sharedTexts.set(entry, (shared = { byAudience: new Map(), bytes: threadPostsBytes(entry) }));
  let texts = shared.byAudience.get(audience);
  if (!texts) shared.byAudience.set(audience, (texts = new Map()));
  const s = shared, t = texts;
  return (p) => {
    let text = t.get(p.id);
    if (text === undefined) {
      t.set(p.id, (text = build(p)));
      s.bytes += 64 + text.length;
      forumThreadPosts.resize(keyOf(threadId, entry.revision), s.bytes);
    }
    return text;
  };
}
