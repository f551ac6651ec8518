// GET /api/lms/courses/<key>/forum/threads/<id>: a thread with its responses and comments, the
// caller's vote/follow state and what the caller may do to each post. 404 for a thread of another
// course, a deleted one, or one in a topic the caller cannot see.
import { AppError } from "@/lib/errors";
import { forumJson, idOf } from "@/lib/forum/http";
import { threadDetail } from "@/lib/forum/reads";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ courseKey: string; threadId: string }> }) {
  return forumJson(params, (f, p) => {
    const id = idOf(p.threadId);
    if (id === null) throw new AppError("not_found:thread", "That thread does not exist.");
    return threadDetail(f, id);
  });
}
