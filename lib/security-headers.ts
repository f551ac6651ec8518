// The security headers of every response, built from the settings (proxy.ts applies them).
// Pages get a nonce-based Content-Security-Policy (Next.js puts the nonce on its own scripts
// when the request carries the policy); responses that carry their own policy — course files
// (sandboxed, lib/lms/asset-policy.ts) and the static /help page (hash-based, since a prerendered
// response cannot carry a per-request nonce) — keep it; JSON and downloads under /api get a
// policy that allows nothing. Pure: no Next.js, no database.
import { createHash } from "node:crypto";

/** A JSON answer that is the caller's alone (their session decides it): never stored by a shared cache. */
export const PRIVATE_JSON_HEADERS = { "Cache-Control": "private, no-store", Vary: "Cookie" };

export interface SecuritySettings {
  /** `next dev`: React needs eval for its debugging aids, and HMR a websocket. */
  dev: boolean;
  /** Browsers reach the site over https: HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** https origins course HTML may iframe (COURSE_IFRAME_ORIGINS). */
  iframeOrigins: readonly string[];
  /** The separate origin of active course files, if any (ASSET_ORIGIN). */
  assetOrigin?: string;
}

/** Where the YouTube IFrame player API script comes from (lib/lms/player-sync.ts YOUTUBE_API_SRC). */
export const YOUTUBE_SCRIPT_ORIGIN = "https://www.youtube.com";

export const HSTS = "max-age=31536000; includeSubDomains";

function join(directives: Record<string, (string | false | undefined)[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values.filter(Boolean)].join(" "))
    .join("; ");
}

/** The policy of a rendered page. Styles may be inline (React style props, course HTML's sanitized
 *  style attributes); scripts only with this request's nonce (and what they load: strict-dynamic). */
export function pageCsp(nonce: string, s: SecuritySettings): string {
  return join({
    "default-src": ["'self'"],
    // The YouTube IFrame player API script (components/lms/video-player.tsx adds it when a learner
    // starts a YouTube video; strict-dynamic already trusts it, the host is for CSP2 browsers).
    // Its player frame (youtube-nocookie.com) must be in COURSE_IFRAME_ORIGINS (the default is).
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", YOUTUBE_SCRIPT_ORIGIN, s.dev && "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    // Course HTML may show images and media of other sites (the sanitizer allows http(s) sources).
    "img-src": ["'self'", "data:", "blob:", "https:", !s.https && "http:", s.assetOrigin],
    "media-src": ["'self'", "blob:", "https:", !s.https && "http:", s.assetOrigin],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", s.dev && "ws:"],
    "frame-src": ["'self'", ...s.iframeOrigins, s.assetOrigin],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    ...(s.https ? { "upgrade-insecure-requests": [] } : {}),
  });
}

/** The policy of API answers (JSON, downloads, redirects): nothing runs, nothing frames them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** The policy of a static HTML page whose only active content is inline <style> blocks. */
export function staticPageCsp(styleHashes: readonly string[]): string {
  return join({
    "default-src": ["'none'"],
    "style-src": styleHashes.map((h) => `'sha256-${h}'`),
    "img-src": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  });
}

/** sha256 (base64) of each inline <style> block of an HTML document, as CSP hashes them. */
export function inlineStyleHashes(html: string): string[] {
  return [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => createHash("sha256").update(m[1], "utf8").digest("base64"));
}

/** Headers every response gets, whatever it is. */
export function baseSecurityHeaders(s: SecuritySettings): Record<string, string> {
  const fullscreen = ["self", ...s.iframeOrigins.map((o) => `"${o}"`)].join(" ");
  const h: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": `camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=(), fullscreen=(${fullscreen})`,
  };
  if (s.https) h["Strict-Transport-Security"] = HSTS;
  return h;
}

export type ResponseKind = "page" | "api" | "own-policy";

/** Which policy a path gets: course files and /help bring their own. */
export function responseKind(pathname: string): ResponseKind {
  if (pathname.startsWith("/assets/") || pathname === "/help") return "own-policy";
  if (pathname === "/api" || pathname.startsWith("/api/")) return "api";
  return "page";
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
