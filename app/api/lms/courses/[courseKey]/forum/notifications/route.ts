// GET /api/lms/courses/<key>/forum/notifications?before=<id>: the caller's replies and answers in
// this course's forum, newest first, and how many are unread.
import { forumJson } from "@/lib/forum/http";
import { notificationsOf } from "@/lib/forum/reads";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ courseKey: string }> }) {
  return forumJson(params, (f) => notificationsOf(f, new URL(req.url).searchParams));
}
