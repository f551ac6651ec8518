// How a course file is served, decided from the content type an author stored in the course's
// policies/assets.json (untrusted: any staff member's re-import sets it). The type is parsed and
// normalised first (" text/html", "TEXT/HTML;x", "text/html\t" are all text/html); only an
// allow-list of passive types is served inline as-is. Everything else — HTML, SVG, XML,
// JavaScript, unknown or unparsable types — gets `Content-Security-Policy: sandbox` (an opaque
// origin: no cookies, no storage, no DOM of ours), and what a browser would not merely display
// (everything but HTML and SVG, which course pages iframe or embed) is also sent as an
// attachment. Every answer carries `nosniff`. Pure: no Next.js, no database.

export interface MediaType {
  /** "type/subtype", lower case */
  essence: string;
  charset?: string;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/** Parses a Content-Type value (RFC 9110 media-type); null when it is not one. */
export function parseMediaType(raw: string | null | undefined): MediaType | null {
  if (typeof raw !== "string") return null;
  const [head, ...params] = raw.split(";");
  const essence = head.trim().toLowerCase();
  const slash = essence.indexOf("/");
  if (slash <= 0 || !TOKEN.test(essence.slice(0, slash)) || !TOKEN.test(essence.slice(slash + 1))) return null;
  let charset: string | undefined;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([a-z0-9._:-]{1,40})"?\s*$/i.exec(p);
    if (m) charset = m[1].toLowerCase();
  }
  return { essence, charset };
}

/** Served inline without a sandbox: what a browser only displays or plays, never runs. */
const INLINE = new Set([
  // raster images
  "image/png", "image/jpeg", "image/pjpeg", "image/gif", "image/webp", "image/avif", "image/bmp", "image/x-icon", "image/vnd.microsoft.icon", "image/apng",
  // documents and text
  "application/pdf", "text/plain", "text/vtt", "text/srt", "application/x-subrip", "application/json", "text/csv",
  // what course pages load as subresources
  "text/css", "font/woff", "font/woff2", "font/ttf", "font/otf", "font/sfnt", "application/font-woff", "application/font-woff2",
  "application/x-font-ttf", "application/x-font-otf", "application/vnd.ms-fontobject",
]);

/** Rendered inline in a sandbox (course pages iframe HTML and embed SVG images). */
const SANDBOXED_INLINE = new Set(["text/html", "application/xhtml+xml", "image/svg+xml"]);

/** The sandbox of active course files: scripts may run, but in an opaque origin (no allow-same-origin). */
export const ASSET_SANDBOX_CSP = "sandbox allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox";

export type AssetDisposition = "inline" | "sandboxed" | "attachment";

export interface AssetServePolicy {
  contentType: string;
  disposition: AssetDisposition;
  /** Headers every answer for this file carries (also 206 and 304). */
  headers: Record<string, string>;
}

function isInline(essence: string): boolean {
  if (INLINE.has(essence)) return true;
  // Audio and video are only ever played.
  return /^(audio|video)\/[a-z0-9.+-]+$/.test(essence) && !essence.endsWith("+xml");
}

function attachmentHeader(fileName: string): string {
  const base = fileName.split("/").pop() || "download";
  const ascii = base.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(base).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** How to serve a course file whose stored content type is `stored`. */
export function assetServePolicy(stored: string | null | undefined, fileName: string): AssetServePolicy {
  const mt = parseMediaType(stored);
  const essence = mt?.essence ?? "application/octet-stream";
  const textual = essence.startsWith("text/") || essence === "application/json" || essence.endsWith("+xml") || essence.endsWith("+json");
  const contentType = mt?.charset && textual ? `${essence}; charset=${mt.charset}` : essence;
  const headers: Record<string, string> = { "Content-Type": contentType, "X-Content-Type-Options": "nosniff" };
  if (isInline(essence)) return { contentType, disposition: "inline", headers };
  headers["Content-Security-Policy"] = ASSET_SANDBOX_CSP;
  if (SANDBOXED_INLINE.has(essence)) return { contentType, disposition: "sandboxed", headers };
  headers["Content-Disposition"] = attachmentHeader(fileName);
  return { contentType, disposition: "attachment", headers };
}
