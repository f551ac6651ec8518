import "server-only";
// The forum's hot JSON reads — the topic overview, thread lists and searches, a thread, the
// notifications — answered by one dispatcher with two callers:
// - proxy.ts (through lib/proxy-reads.ts), for every GET: the answer goes back from the proxy,
//   before Next builds a second request object and runs its route machinery. That machinery is
//   most of a forum read's cost (the handler's own work is about a third of it: a profile under
//   `npm run bench -- forum`);
// - the route files under app/api/lms/courses/[courseKey]/forum, which declare these URLs to Next
//   and answer with the same reads (FORUM_READS) when a request does reach them (a HEAD).
// Either way the checks are lib/forum/service.ts loadForum's and the answer is the same JSON with
// the same private headers (lib/forum/http.ts forumAnswer); here the session comes from the
// request's own cookies, there from Next's request scope.
import { claimsOfRequestCookies } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { forumAnswer, idOf } from "./http";
import { forumMeta, notificationsOf, threadDetail, threadPage } from "./reads";
import type { ForumContext } from "./service";

type Read = (f: ForumContext, sp: URLSearchParams, threadId: string | undefined) => Promise<unknown>;

/** Each read, by the path after …/forum (the route files call them too). */
export const FORUM_READS = {
  // GET …/forum: the Discussion tab's topics with thread and unread counts, the policy, the caller's role
  "": (f) => forumMeta(f),
  // GET …/forum/threads[?topic][&filter][&sort][&q][&cursor][&limit]: one page of threads
  "/threads": (f, sp) => threadPage(f, sp),
  // GET …/forum/threads/<id>[…]: a thread and its first responses, a next page, or a response's comments
  "/threads/:id": (f, sp, threadId) => {
    const id = idOf(threadId);
    if (id === null) throw new AppError("not_found:thread", "That thread does not exist.");
    return threadDetail(f, id, sp);
  },
  // GET …/forum/notifications[?before]: the caller's replies and follows
  "/notifications": (f, sp) => notificationsOf(f, sp),
} satisfies Record<string, Read>;

const PATH = /^\/api\/lms\/courses\/([^/]+)\/forum(\/threads(?:\/([^/]+))?|\/notifications)?$/;

/** The read a path names: its course key (still URL-encoded), the read, and the thread id segment. */
export function forumReadOf(pathname: string): { courseKey: string; read: Read; threadId: string | undefined } | null {
  const m = PATH.exec(pathname);
  if (!m) return null;
  const read: Read = FORUM_READS[m[3] !== undefined ? "/threads/:id" : ((m[2] ?? "") as "" | "/threads" | "/notifications")];
  return { courseKey: m[1], read, threadId: m[3] };
}

/**
 * The answer to a forum read at `url`, or null when the URL names none (the caller goes on as
 * without it). `cookies` are the request's.
 */
export function answerForumRead(url: URL, cookies: { name: string; value: string }[]): Promise<Response> | null {
  const found = forumReadOf(url.pathname);
  if (!found) return null;
  return forumAnswer(found.courseKey, claimsOfRequestCookies(cookies), (f) => found.read(f, url.searchParams, found.threadId));
}
