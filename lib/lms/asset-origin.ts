// The optional separate origin for active course files (ASSET_ORIGIN, e.g.
// https://usercontent.example.org, routed to this same app). When it is set, the site's own origin
// redirects every file that is not on the passive allow-list (HTML, SVG, XML, scripts, unknown) to
// it, so even a browser that ignored the sandbox would run course script on an origin that holds
// no session. The asset origin sees no session cookie, so a locked file travels with a short-lived
// grant: an HMAC of course, path and expiry under the site secret, minted after the site origin
// has checked the learner's access. Pure (node:crypto only).
import { createHmac, timingSafeEqual } from "node:crypto";

export const GRANT_TTL_SECONDS = 600;

function mac(secret: string, courseKey: string, path: string, exp: number): string {
  return createHmac("sha256", secret).update(`asset-grant\n${courseKey}\n${path}\n${exp}`).digest("base64url");
}

/** A grant for one locked file, valid GRANT_TTL_SECONDS from `now`. */
export function signAssetGrant(secret: string, courseKey: string, path: string, now = Date.now()): string {
  const exp = Math.floor(now / 1000) + GRANT_TTL_SECONDS;
  return `${exp}.${mac(secret, courseKey, path, exp)}`;
}

/** True when `grant` was signed for this file and has not expired. */
export function verifyAssetGrant(secret: string, courseKey: string, path: string, grant: string | null, now = Date.now()): boolean {
  const m = grant ? /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(grant) : null;
  if (!m) return false;
  const exp = Number(m[1]);
  if (exp < Math.floor(now / 1000)) return false;
  const want = Buffer.from(mac(secret, courseKey, path, exp));
  const got = Buffer.from(m[2]);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The host (name:port) a request was made to, as the client addressed it. */
export function requestHost(req: Request, trustProxy: boolean): string {
  const fwd = trustProxy ? req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return (fwd || req.headers.get("host") || new URL(req.url).host).toLowerCase();
}

/** True when the request was addressed to the asset origin. */
export function isAssetOriginRequest(req: Request, assetOrigin: string | undefined, trustProxy: boolean): boolean {
  return !!assetOrigin && requestHost(req, trustProxy) === new URL(assetOrigin).host.toLowerCase();
}
