// GET /api/lms/courses/<key>/forum: the course forum's topics (grouped, with thread and unread
// counts for the caller), the course's anonymity and blackout policy, and the caller's forum role.
// 401 anonymous, 404 unknown course, 403 neither enrolled nor staff. Private to the caller.
// proxy.ts answers a GET of this URL itself (lib/forum/read-routes.ts, the same read); Next
// reaches this handler for the rest (a HEAD).
import { forumJson } from "@/lib/forum/http";
import { FORUM_READS } from "@/lib/forum/read-routes";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ courseKey: string }> }) {
  return forumJson(params, (f) => FORUM_READS[""](f));
}
