// The page cache's entry point (lib/lms/page-cache.ts). proxy.ts rewrites a browser's request for a
// course home or unit here and refuses this path when asked for directly.
import { servePageRequest } from "@/lib/lms/page-cache";

export const dynamic = "force-dynamic";

export function GET(req: Request): Promise<Response> {
  return servePageRequest(req);
}
