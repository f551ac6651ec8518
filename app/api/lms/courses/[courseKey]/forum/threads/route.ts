// GET /api/lms/courses/<key>/forum/threads?topic=&filter=all|unread|unanswered|following|mine
// &sort=activity|votes&q=&cursor=&limit=: one page of threads (keyset cursor in `next`).
// Learners see only threads of topics they can see; anonymous authors are hidden from peers.
// proxy.ts answers a GET of this URL itself (lib/forum/read-routes.ts, the same read); Next
// reaches this handler for the rest (a HEAD).
import { forumJson } from "@/lib/forum/http";
import { FORUM_READS } from "@/lib/forum/read-routes";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ courseKey: string }> }) {
  return forumJson(params, (f) => FORUM_READS["/threads"](f, new URL(req.url).searchParams));
}
