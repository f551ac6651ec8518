// The headers between proxy.ts and the page cache (lib/lms/page-cache.ts). On a miss the cache asks
// this same process to render the page once for its audience (a loopback request carrying
// RENDER_TOKEN_HEADER and the placeholder nonce): the proxy then gives that render the nonce it was
// sent and SHARED_RENDER_HEADER, so the layout leaves out who is signed in. The proxy honours these
// headers only with this process's token and strips them from every other request, so a browser
// cannot ask for a shared render. No Next.js, no database.
import { randomBytes, timingSafeEqual } from "node:crypto";

/** The CSP nonce a loopback shared render must use (the cache's placeholder). */
export const RENDER_NONCE_HEADER = "x-atrium-render-nonce";
/** Proves a loopback render comes from this process (its value: process.env[RENDER_TOKEN_ENV]). */
export const RENDER_TOKEN_HEADER = "x-atrium-render-token";
/** Set by the proxy on a shared render only: the root layout then leaves the signed-in user out. */
export const SHARED_RENDER_HEADER = "x-atrium-shared-render";
/** hit | miss | bypass:<why>: how the page cache answered (for tests, benches and operators). */
export const PAGE_CACHE_STATUS_HEADER = "x-atrium-page-cache";
/** Where the process keeps its random render token (process.env is shared by the proxy and the app bundles). */
export const RENDER_TOKEN_ENV = "ATRIUM_RENDER_TOKEN";

export const INTERNAL_REQUEST_HEADERS = [RENDER_NONCE_HEADER, RENDER_TOKEN_HEADER, SHARED_RENDER_HEADER] as const;

/** This process's render token, made on first use by whichever bundle asks first (proxy or app). */
export function renderToken(): string {
  return (process.env[RENDER_TOKEN_ENV] ||= randomBytes(24).toString("base64url"));
}

/** Equal strings, compared in time that does not depend on where they differ (as lib/lms/asset-origin.ts does). */
export function sameSecret(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
