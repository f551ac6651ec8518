// GET /api/lms/courses/<key>/forum: the course forum's topics (grouped, with thread and unread
// counts for the caller), the course's anonymity and blackout policy, and the caller's forum role.
// 401 anonymous, 404 unknown course, 403 neither enrolled nor staff. Private to the caller.
import { forumJson } from "@/lib/forum/http";
import { forumMeta } from "@/lib/forum/reads";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ courseKey: string }> }) {
  return forumJson(params, (f) => forumMeta(f));
}
