// Security headers on every response (lib/security-headers.ts): a per-request nonce CSP for pages
// (Next.js reads it from the request's Content-Security-Policy and stamps its scripts with it),
// clickjacking protection, nosniff, Referrer-Policy, Permissions-Policy and, behind TLS, HSTS.
// With ASSET_ORIGIN set, that host serves course files only. Authorization is not done here: every
// page, action and route checks it on the server.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { isAssetOriginRequest } from "@/lib/lms/asset-origin";
import { API_CSP, baseSecurityHeaders, newNonce, pageCsp, responseKind, type SecuritySettings } from "@/lib/security-headers";

let cached: SecuritySettings | undefined;
function settings(): SecuritySettings {
  const e = env();
  cached ??= { dev: e.NODE_ENV === "development", https: e.ATRIUM_HTTPS, iframeOrigins: e.COURSE_IFRAME_ORIGINS, assetOrigin: e.ASSET_ORIGIN };
  return cached;
}

export function proxy(request: NextRequest) {
  const s = settings();
  const path = request.nextUrl.pathname;
  const base = baseSecurityHeaders(s);

  if (s.assetOrigin && !path.startsWith("/assets/") && isAssetOriginRequest(request, s.assetOrigin, env().ATRIUM_TRUST_PROXY)) {
    return new NextResponse("Not found", { status: 404, headers: { ...base, "Content-Type": "text/plain; charset=utf-8", "Content-Security-Policy": API_CSP } });
  }

  const kind = responseKind(path);
  let response: NextResponse;
  if (kind === "page") {
    const csp = pageCsp(newNonce(), s);
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
    response.headers.set("Content-Security-Policy", csp);
  } else {
    response = NextResponse.next();
    if (kind === "api") response.headers.set("Content-Security-Policy", API_CSP);
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
