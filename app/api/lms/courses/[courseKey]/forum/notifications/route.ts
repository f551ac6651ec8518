// GET /api/lms/courses/<key>/forum/notifications?before=<id>: the caller's replies and answers in
// this course's forum, newest first, and how many are unread.
// proxy.ts answers a GET of this URL itself (lib/forum/read-routes.ts, the same read); Next
// reaches this handler for the rest (a HEAD).
import { forumJson } from "@/lib/forum/http";
import { FORUM_READS } from "@/lib/forum/read-routes";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ courseKey: string }> }) {
  return forumJson(params, (f) => FORUM_READS["/notifications"](f, new URL(req.url).searchParams));
}
