// GET /api/lms/courses/<key>/forum/threads/<id>[?limit=1..50][&after=<cursor>][&comments=1..50]: a
// thread and the first page of its responses (25 by default, each with its first 10 comments or
// `comments` of them, `commentCount` and
// `nextComments`; `nextResponses` is the cursor of the next page, `responseCount` all responses),
// the caller's vote/follow state and what the caller may do to each post. With `after`, the next
// page of responses alone (no thread summary). With `response=<id>[&afterComment=<cursor>]`, one
// page of that response's comments (10 by default, `?limit=1..50`); 404 for a response not in the
// thread. A cursor that does not decode is a 400. 404 for a thread of another course, a deleted
// one, or one in a topic the caller cannot see.
import { AppError } from "@/lib/errors";
import { forumJson, idOf } from "@/lib/forum/http";
import { threadDetail } from "@/lib/forum/reads";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ courseKey: string; threadId: string }> }) {
  return forumJson(params, (f, p) => {
    const id = idOf(p.threadId);
    if (id === null) throw new AppError("not_found:thread", "That thread does not exist.");
    return threadDetail(f, id, new URL(req.url).searchParams);
  });
}
