// GET /api/lms/courses/<key>/forum/threads?topic=&filter=all|unread|unanswered|following|mine
// &sort=activity|votes&q=&cursor=&limit=: one page of threads (keyset cursor in `next`).
// Learners see only threads of topics they can see; anonymous authors are hidden from peers.
import { forumJson } from "@/lib/forum/http";
import { threadPage } from "@/lib/forum/reads";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ courseKey: string }> }) {
  return forumJson(params, (f) => threadPage(f, new URL(req.url).searchParams));
}
