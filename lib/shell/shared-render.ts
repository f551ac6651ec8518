// The request header that marks a render whose HTML is shared (cached and served to every visitor
// of the same course version and audience): the HTML cache's internal render sets it, and the
// root layout then leaves who is signed in to a client island (GET /api/me). Edge-safe and free of
// server-only imports, so proxy.ts can import it (it must strip the header from outside requests).
export const SHARED_RENDER_HEADER = "x-atrium-shared-render";

/** True when the request asks for a shared render (the header's value is "1"). */
export function isSharedRender(requestHeaders: Pick<Headers, "get">): boolean {
  return requestHeaders.get(SHARED_RENDER_HEADER) === "1";
}
