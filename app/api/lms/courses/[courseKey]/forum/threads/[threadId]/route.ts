// GET /api/lms/courses/<key>/forum/threads/<id>[?limit=1..50][&after=<cursor>][&comments=1..50]: a
// thread and the first page of its responses (25 by default, each with its first 10 comments or
// `comments` of them, `commentCount` and
// `nextComments`; `nextResponses` is the cursor of the next page, `responseCount` all responses),
// the caller's vote/follow state and what the caller may do to each post. With `after`, the next
// page of responses alone (no thread summary). With `response=<id>[&afterComment=<cursor>]`, one
// page of that response's comments (10 by default, `?limit=1..50`); 404 for a response not in the
// thread. A cursor that does not decode is a 400. 404 for a thread of another course, a deleted
// one, or one in a topic the caller cannot see.
// proxy.ts answers a GET of this URL itself (lib/forum/read-routes.ts, the same read); Next
// reaches this handler for the rest (a HEAD).
import { forumJson } from "@/lib/forum/http";
import { FORUM_READS } from "@/lib/forum/read-routes";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ courseKey: string; threadId: string }> }) {
  return forumJson(params, (f, p) => FORUM_READS["/threads/:id"](f, new URL(req.url).searchParams, p.threadId));
}
