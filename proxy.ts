// Security headers on every response (lib/security-headers.ts): a per-request nonce CSP for pages
// (Next.js reads it from the request's Content-Security-Policy and stamps its scripts with it),
// clickjacking protection, nosniff, Referrer-Policy, Permissions-Policy and, behind TLS, HSTS.
// With ASSET_ORIGIN set, that host serves course files only. Every page, action and route checks
// authorization on the server itself; the one exception is answered here: a browser's document
// request for a course home or unit, or a client navigation's Flight request for one, is answered
// from the page cache when it can be
// (lib/lms/page-cache.ts checks access exactly as those pages do, and builds the key), and otherwise
// rendered by Next as usual. The cache's own loopback renders, proven by this process's token, get
// the placeholder nonce it chose and a shared render (lib/render-headers.ts); those internal
// headers are stripped from every other request. A few hot per-reader JSON reads (a GET of the
// learner's course state, /api/me, the forum's lists and threads) are answered here too, through
// the same functions and checks as their route handlers (lib/proxy-reads.ts): Next's route
// machinery was most of their cost.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { isAssetOriginRequest } from "@/lib/lms/asset-origin";
import { answerRead } from "@/lib/proxy-reads";
import { answerFromCache, PAGE_HEADERS } from "@/lib/lms/page-cache";
import { cacheableRequest } from "@/lib/lms/page-cache-key";
import {
  INTERNAL_REQUEST_HEADERS,
  PAGE_CACHE_STATUS_HEADER,
  RENDER_NONCE_HEADER,
  RENDER_TOKEN_HEADER,
  SHARED_RENDER_HEADER,
  renderToken,
  sameSecret,
} from "@/lib/render-headers";
import { API_CSP, baseSecurityHeaders, newNonce, pageCsp, responseKind, type SecuritySettings } from "@/lib/security-headers";

let cached: { settings: SecuritySettings; base: Record<string, string> } | undefined;
/** The security settings and the headers every response gets, made once (they come from the environment). */
function settings(): { settings: SecuritySettings; base: Record<string, string> } {
  if (cached) return cached;
  const e = env();
  const s: SecuritySettings = { dev: e.NODE_ENV === "development", https: e.ATRIUM_HTTPS, iframeOrigins: e.COURSE_IFRAME_ORIGINS, assetOrigin: e.ASSET_ORIGIN };
  return (cached = { settings: s, base: baseSecurityHeaders(s) });
}

export async function proxy(request: NextRequest) {
  const { settings: s, base } = settings();
  const path = request.nextUrl.pathname;

  if (s.assetOrigin && !path.startsWith("/assets/") && isAssetOriginRequest(request, s.assetOrigin, env().ATRIUM_TRUST_PROXY)) {
    return new NextResponse("Not found", { status: 404, headers: { ...base, "Content-Type": "text/plain; charset=utf-8", "Content-Security-Policy": API_CSP } });
  }

  const internal = sameSecret(request.headers.get(RENDER_TOKEN_HEADER), renderToken());
  const kind = responseKind(path);
  // The request as it goes on to Next: internal headers struck, `extra` added. Next passes changed
  // request headers on by copying every one of them into the response and back
  // (x-middleware-request-*), so a request with nothing to strip or add goes on untouched.
  const passOn = (extra: Record<string, string> = {}): NextResponse => {
    const strip = INTERNAL_REQUEST_HEADERS.some((h) => request.headers.has(h));
    if (!strip && Object.keys(extra).length === 0) return NextResponse.next();
    const headers = new Headers(request.headers);
    for (const h of INTERNAL_REQUEST_HEADERS) headers.delete(h);
    for (const [k, v] of Object.entries(extra)) headers.set(k, v);
    return NextResponse.next({ request: { headers } });
  };
  // A server action called from the page's script (Next-Action header) is answered with Flight
  // data, never a document: it has no scripts to stamp with a nonce. (A form posted without
  // JavaScript carries no such header and renders a page: it gets its nonce.)
  const isDocument = kind === "page" && !(request.method === "POST" && request.headers.has("next-action"));

  // A few hot per-reader JSON reads are answered here, not by their route handlers: the same
  // functions and checks, a good part less CPU (lib/proxy-reads.ts).
  const read = kind === "api" && request.method === "GET" ? answerRead(request.nextUrl, request.cookies.getAll()) : null;

  let response: NextResponse;
  if (read) {
    const answer = await read;
    response = new NextResponse(answer.body, { status: answer.status, headers: answer.headers });
    response.headers.set("Content-Security-Policy", API_CSP);
  } else if (isDocument) {
    const givenNonce = internal ? request.headers.get(RENDER_NONCE_HEADER) : null;
    const nonce = givenNonce && /^[A-Za-z0-9+/=]{16,64}$/.test(givenNonce) ? givenNonce : newNonce();
    const csp = pageCsp(nonce, s);
    const cacheable = internal ? null : cacheableRequest({ method: request.method, pathname: path, query: request.nextUrl.searchParams, headers: request.headers });
    const cached = cacheable ? await answerFromCache(request, request.cookies.getAll(), nonce, cacheable) : null;
    if (cached && "body" in cached) {
      // answered here: nothing goes on to Next, so no request headers are rewritten
      response = new NextResponse(cached.body, { headers: { ...PAGE_HEADERS, ...Object.fromEntries(cached.headers), [PAGE_CACHE_STATUS_HEADER]: cached.status } });
    } else {
      response = passOn({ "Content-Security-Policy": csp, ...(internal ? { [SHARED_RENDER_HEADER]: "1" } : {}) });
      if (cached) response.headers.set(PAGE_CACHE_STATUS_HEADER, `bypass:${cached.bypass}`);
    }
    response.headers.set("Content-Security-Policy", csp);
  } else {
    response = passOn();
    if (kind !== "own-policy") response.headers.set("Content-Security-Policy", API_CSP);
  }
  for (const [k, v] of Object.entries(base)) response.headers.set(k, v);
  // Course files are framed by the course's own pages; everything else by nobody.
  if (!path.startsWith("/assets/")) response.headers.set("X-Frame-Options", "DENY");
  return response;
}

export const config = {
  // Not Next's own hashed bundles (immutable, served before the proxy would matter).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
