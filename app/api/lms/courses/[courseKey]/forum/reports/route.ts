// GET /api/lms/courses/<key>/forum/reports: the moderation queue (open reports, oldest first).
// Course staff and community TAs only (403 for anyone else).
import { AppError } from "@/lib/errors";
import { forumJson } from "@/lib/forum/http";
import { reportQueue } from "@/lib/forum/reads";
import { canModerate } from "@/lib/forum/rules";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ courseKey: string }> }) {
  return forumJson(params, (f) => {
    const v = canModerate(f.actor);
    if (!v.ok) throw new AppError("forbidden:moderator", v.message);
    return reportQueue(f);
  });
}
