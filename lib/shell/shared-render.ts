// Whether this render's HTML is shared (cached and served to every visitor of the same course
// version and audience: lib/lms/page-cache.ts). proxy.ts sets SHARED_RENDER_HEADER only on the
// cache's own loopback render and strips it from every outside request; the root layout then leaves
// who is signed in to a client island (GET /api/me). Free of server-only imports.
import { SHARED_RENDER_HEADER } from "@/lib/render-headers";

export { SHARED_RENDER_HEADER };

/** True when the request asks for a shared render (the header's value is "1"). */
export function isSharedRender(requestHeaders: Pick<Headers, "get">): boolean {
  return requestHeaders.get(SHARED_RENDER_HEADER) === "1";
}
