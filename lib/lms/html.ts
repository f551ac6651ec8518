// Course HTML as learners get it: links rewritten the way Open edX's static_replace does
// (/static/…, /c4x/…, asset-v1:… of any course → this version's asset URLs; /jump_to_id/… and
// /course/… → our URLs), then sanitized with sanitize-html (scripts, event handlers and
// javascript: URLs removed). Pure; the caller caches the result per immutable version.
import sanitizeHtml from "sanitize-html";
import { assetHref, courseHref, datesHref, jumpHref, progressHref } from "./urls";

export interface AssetIndex {
  /** path under static/ → content hash */
  byPath: Map<string, string>;
  /** flattened asset name ('/' → '_') → path */
  byName: Map<string, string>;
}

export function buildAssetIndex(assets: readonly { path: string; hash: string }[]): AssetIndex {
  const byPath = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const a of assets) {
    byPath.set(a.path, a.hash);
    byName.set(a.path.replace(/\//g, "_"), a.path);
  }
  return { byPath, byName };
}

export interface RewriteContext {
  courseKey: string;
  assets: AssetIndex;
}

function splitSuffix(url: string): [string, string] {
  const i = url.search(/[?#]/);
  return i === -1 ? [url, ""] : [url.slice(0, i), url.slice(i)];
}

function tryDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function assetUrl(ctx: RewriteContext, pathOrName: string, suffix: string): string {
  const raw = tryDecode(pathOrName);
  let path = ctx.assets.byPath.has(raw) ? raw : ctx.assets.byName.get(raw);
  path ??= ctx.assets.byName.get(raw.replace(/\//g, "_")) ?? raw;
  const hash = ctx.assets.byPath.get(path);
  const href = assetHref(ctx.courseKey, path, hash);
  // assetHref may already carry ?v=; append the author's query/fragment after it.
  if (!suffix) return href;
  if (suffix.startsWith("#")) return href + suffix;
  return href.includes("?") ? `${href}&${suffix.slice(1)}` : href + suffix;
}

const COURSE_PAGES: Record<string, (k: string) => string> = {
  progress: progressHref,
  dates: datesHref,
};

/** Rewrites one URL found in course content; returns it unchanged if it is not a course link. */
export function rewriteUrl(url: string, ctx: RewriteContext): string {
  const trimmed = url.trim();
  const [base, suffix] = splitSuffix(trimmed);
  let m: RegExpExecArray | null;
  if ((m = /^\/static\/(.+)$/.exec(base))) return assetUrl(ctx, m[1], suffix);
  if ((m = /(?:^|\/)asset-v1:[^/]*?\+type@asset\+block@(.+)$/.exec(base))) return assetUrl(ctx, m[1], suffix);
  if ((m = /^(?:c4x:\/|(?:https?:\/\/[^/]+)?\/c4x)\/[^/]+\/[^/]+\/asset\/(.+)$/.exec(base))) return assetUrl(ctx, m[1], suffix);
  if ((m = /(?:^|\/)jump_to_id\/([^/]+)\/?$/.exec(base))) return jumpHref(ctx.courseKey, tryDecode(m[1])) + suffix;
  if ((m = /^\/course\/?(.*)$/.exec(base))) {
    const first = m[1].split("/")[0];
    const page = COURSE_PAGES[first];
    return (page ? page(ctx.courseKey) : courseHref(ctx.courseKey)) + suffix;
  }
  return url;
}

const URL_ATTRS: Record<string, string[]> = {
  a: ["href"],
  img: ["src"],
  source: ["src"],
  video: ["src", "poster"],
  audio: ["src"],
  track: ["src"],
  iframe: ["src"],
  embed: ["src"],
  object: ["data"],
};

const ALLOWED_TAGS = sanitizeHtml.defaults.allowedTags.concat([
  "img", "video", "audio", "source", "track", "iframe", "figure", "figcaption", "details", "summary",
  "h1", "h2", "sup", "sub", "span", "div", "u", "s", "del", "ins", "mark", "small", "center", "font",
  "dl", "dt", "dd", "hr", "br", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
  "math", "mi", "mo", "mn", "msup", "msub", "mfrac", "mrow", "msqrt", "mtext",
]);

const GLOBAL_ATTRS = ["class", "id", "title", "lang", "dir", "role", "style", "aria-*", "data-*"];

/** CDATA sections in an inline html body are text, as Open edX's XML parser reads them (it
 *  strips the CDATA wrapper), so their content is shown escaped rather than dropped as a comment. */
export function cdataToText(html: string): string {
  return html.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, text: string) =>
    text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
  );
}

/** Rewrites links and sanitizes one html block body. */
export function renderCourseHtml(html: string, ctx: RewriteContext): string {
  return sanitizeHtml(cdataToText(html), {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      "*": GLOBAL_ATTRS,
      a: ["href", "name", "target", "rel"],
      img: ["src", "alt", "width", "height", "loading"],
      video: ["src", "poster", "controls", "width", "height", "preload", "muted", "loop"],
      audio: ["src", "controls", "preload"],
      source: ["src", "type"],
      track: ["src", "kind", "srclang", "label", "default"],
      iframe: ["src", "width", "height", "allowfullscreen", "frameborder", "title", "allow"],
      table: ["border", "cellpadding", "cellspacing", "summary", "width"],
      td: ["colspan", "rowspan", "align", "valign", "width"],
      th: ["colspan", "rowspan", "align", "valign", "width", "scope"],
      col: ["span", "width"],
      ol: ["start", "type"],
      font: ["color", "size", "face"],
    },
    allowedSchemes: ["http", "https", "mailto", "tel"],
    allowedSchemesByTag: { img: ["http", "https", "data"] },
    allowProtocolRelative: false,
    // Style blocks could restyle the whole page chrome; scripts never run from course content.
    nonTextTags: ["script", "style", "textarea", "noscript", "title"],
    transformTags: Object.fromEntries(
      Object.entries(URL_ATTRS).map(([tag, attrs]) => [
        tag,
        (tagName: string, attribs: sanitizeHtml.Attributes) => {
          const out = { ...attribs };
          for (const a of attrs) if (out[a]) out[a] = rewriteUrl(out[a], ctx);
          if (tagName === "img") out.loading ??= "lazy";
          if (tagName === "a" && out.target === "_blank") out.rel = "noopener noreferrer";
          return { tagName, attribs: out };
        },
      ]),
    ),
  });
}

/** Plain text of an html fragment (for short descriptions on cards). */
export function htmlToText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, " ").trim();
}
