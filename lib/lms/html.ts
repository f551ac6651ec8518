// Course HTML as learners get it: links rewritten the way Open edX's static_replace does
// (/static/…, /c4x/…, asset-v1:… of any course → this version's asset URLs; /jump_to_id/… and
// /course/… → our URLs), then sanitized with sanitize-html (scripts, event handlers and
// javascript: URLs removed; `style` limited to a list of properties that cannot cover the page or
// fetch from elsewhere; iframes only of course files or of allow-listed https origins, always with
// a `sandbox`; ids and names prefixed with `user-content-`, as GitHub does, so course content
// cannot clobber the page's globals, and `#x` links follow). Pure; the caller caches the result
// per immutable version.
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
  /** https origins course HTML may iframe (env COURSE_IFRAME_ORIGINS); none when absent. */
  iframeOrigins?: readonly string[];
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

/** Prefix of ids and names from course HTML (GitHub's word for it). */
export const USER_CONTENT_PREFIX = "user-content-";

// Inline styles: typography, colour, box sizes and borders. Nothing that takes an element out of
// the flow or moves it over the page (position other than static/relative, offsets, negative
// margins, transforms, z-index), and no url() except a same-origin path.
const COLOR = /^(#[0-9a-f]{3,8}|[a-z]{3,30}|(rgb|hsl)a?\(\s*[\d.%]+(deg)?(\s*[,/]?\s*[\d.%]+){2,3}\s*\))$/i;
const LENGTH = "(0|\\d*\\.?\\d+(px|em|rem|%|pt|pc|ex|ch|vw|vh|cm|mm|in)?)";
const LENGTHS = new RegExp(`^(auto|${LENGTH}(\\s+(auto|${LENGTH})){0,3})$`, "i");
const ONE_LENGTH = new RegExp(`^(auto|normal|${LENGTH})$`, "i");
const WORDS = /^[a-z-]+(\s+[a-z-]+){0,3}$/i;
const BORDER = /^[a-z0-9\s#.,%()-]{1,80}$/i;
const NO_URL = /^(?!.*(url|image|expression|var|attr)\s*\().*$/i;
const SAME_ORIGIN_URL = /^url\(\s*(["']?)\/(?![/\\])[^"'()\s\\]*\1\s*\)$/i;

const lengthProps = ["width", "height", "min-width", "max-width", "min-height", "max-height", "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
  "margin", "margin-top", "margin-right", "margin-bottom", "margin-left", "border-width", "border-radius", "border-spacing", "text-indent", "column-gap", "row-gap", "gap"];
const oneLengthProps = ["font-size", "line-height", "letter-spacing", "word-spacing"];
const colorProps = ["color", "background-color", "border-color", "border-top-color", "border-right-color", "border-bottom-color", "border-left-color", "outline-color"];
const wordProps = ["text-align", "vertical-align", "font-weight", "font-style", "font-variant", "text-decoration", "text-transform", "white-space", "word-break", "overflow-wrap",
  "float", "clear", "list-style", "list-style-type", "list-style-position", "border-style", "border-collapse", "table-layout", "caption-side", "overflow", "overflow-x", "overflow-y",
  "visibility", "text-overflow", "box-sizing", "flex-direction", "flex-wrap", "justify-content", "align-items", "align-content", "align-self", "object-fit", "cursor"];

const ALLOWED_STYLES: Record<string, RegExp[]> = {
  ...Object.fromEntries(lengthProps.map((p) => [p, [LENGTHS]])),
  ...Object.fromEntries(oneLengthProps.map((p) => [p, [ONE_LENGTH, /^\d*\.?\d+$/]])),
  ...Object.fromEntries(colorProps.map((p) => [p, [COLOR]])),
  ...Object.fromEntries(wordProps.map((p) => [p, [WORDS]])),
  ...Object.fromEntries(["border", "border-top", "border-right", "border-bottom", "border-left", "outline"].map((p) => [p, [BORDER]])),
  display: [/^(inline|block|inline-block|flex|inline-flex|grid|inline-grid|table|table-row|table-cell|list-item|none|contents)$/i],
  position: [/^(static|relative)$/i],
  "font-family": [/^[a-z0-9\s,"'-]{1,100}$/i],
  background: [COLOR, new RegExp(`^(?=[a-z0-9\\s#.,%()/-]{1,100}$)${NO_URL.source.slice(1)}`, "i")],
  "background-image": [SAME_ORIGIN_URL, /^none$/i],
  "background-repeat": [WORDS],
  "background-position": [/^[a-z0-9\s.%]{1,40}$/i],
  "background-size": [/^[a-z0-9\s.%]{1,40}$/i],
  opacity: [/^(0|1|0?\.\d+)$/],
  flex: [/^[a-z0-9\s.%]{1,30}$/i],
  "flex-grow": [/^\d+$/],
  "flex-shrink": [/^\d+$/],
  "flex-basis": [ONE_LENGTH],
};

/** The sandbox of every course iframe. Third-party players keep their own origin (YouTube needs
 *  it); our own course files never get allow-same-origin. */
const SANDBOX_OWN = "allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox";
const SANDBOX_THIRD_PARTY = "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-presentation";

/** Where an iframe may point: a course file of this site (after rewriting), or an allow-listed https origin. */
function iframeSandbox(src: string | undefined, ctx: RewriteContext): string | null {
  if (!src) return null;
  if (/^\/assets\/[^/]/.test(src)) return SANDBOX_OWN;
  let u: URL;
  try {
    u = new URL(src);
  } catch {
    return null;
  }
  if (u.protocol !== "https:" || u.username || u.password) return null;
  return (ctx.iframeOrigins ?? []).includes(u.origin) ? SANDBOX_THIRD_PARTY : null;
}

function prefixId(v: string): string {
  return v.startsWith(USER_CONTENT_PREFIX) ? v : USER_CONTENT_PREFIX + v;
}

/** Applied to every tag after its own transform: prefixes ids, names and id references. */
function prefixIds(tagName: string, attribs: sanitizeHtml.Attributes): { tagName: string; attribs: sanitizeHtml.Attributes } {
  const out = { ...attribs };
  for (const a of ["id", "name"]) if (out[a]) out[a] = prefixId(out[a].trim());
  for (const a of ["aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-activedescendant", "headers"])
    if (out[a]) out[a] = out[a].split(/\s+/).filter(Boolean).map(prefixId).join(" ");
  if (out.href && /^#./.test(out.href.trim())) out.href = `#${prefixId(out.href.trim().slice(1))}`;
  return { tagName, attribs: out };
}

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
      iframe: ["src", "width", "height", "allowfullscreen", "frameborder", "title", "allow", "sandbox", "loading", "referrerpolicy"],
      table: ["border", "cellpadding", "cellspacing", "summary", "width"],
      td: ["colspan", "rowspan", "align", "valign", "width"],
      th: ["colspan", "rowspan", "align", "valign", "width", "scope"],
      col: ["span", "width"],
      ol: ["start", "type"],
      font: ["color", "size", "face"],
    },
    allowedSchemes: ["http", "https", "mailto", "tel"],
    allowedSchemesByTag: { img: ["http", "https", "data"], iframe: ["https"] },
    allowedStyles: { "*": ALLOWED_STYLES },
    allowProtocolRelative: false,
    // Style blocks could restyle the whole page chrome; scripts never run from course content.
    nonTextTags: ["script", "style", "textarea", "noscript", "title"],
    transformTags: {
      ...Object.fromEntries(
        Object.entries(URL_ATTRS).map(([tag, attrs]) => [
          tag,
          (tagName: string, attribs: sanitizeHtml.Attributes) => {
            const out = { ...attribs };
            for (const a of attrs) if (out[a]) out[a] = rewriteUrl(out[a], ctx);
            if (tagName === "img") out.loading ??= "lazy";
            if (tagName === "a" && out.target === "_blank") out.rel = "noopener noreferrer";
            if (tagName === "iframe") {
              const sandbox = iframeSandbox(out.src?.trim(), ctx);
              // A frame from anywhere else is dropped (an unknown tag: sanitize-html discards it).
              if (!sandbox) return { tagName: "atrium-refused-iframe", attribs: {} };
              out.sandbox = sandbox;
              out.loading ??= "lazy";
              out.referrerpolicy = "strict-origin-when-cross-origin";
            }
            return { tagName, attribs: out };
          },
        ]),
      ),
      "*": prefixIds,
    },
  });
}

/** Plain text of an html fragment (for short descriptions on cards). */
export function htmlToText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, " ").trim();
}
