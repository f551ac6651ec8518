// GET /api/lms/courses/<key>/forum/history?thread=<id>[&post=<id>]: the earlier versions of a
// thread or post, newest first. Course staff and community TAs only.
import { AppError } from "@/lib/errors";
import { forumJson, idOf } from "@/lib/forum/http";
import { editHistory } from "@/lib/forum/reads";
import { canModerate } from "@/lib/forum/rules";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ courseKey: string }> }) {
  return forumJson(params, (f) => {
    const v = canModerate(f.actor);
    if (!v.ok) throw new AppError("forbidden:moderator", v.message);
    const sp = new URL(req.url).searchParams;
    const threadId = idOf(sp.get("thread"));
    if (threadId === null) throw new AppError("invalid:thread", "Which thread?");
    const post = sp.get("post");
    const postId = post ? idOf(post) : null;
    if (post && postId === null) throw new AppError("invalid:post", "Which post?");
    return editHistory(f, threadId, postId);
  });
}
