// Learner-written Markdown → safe HTML, in ONE place (PURE: no database, no Next.js). Called on
// every write; the HTML is stored next to the source so reads never render. Rules:
// - Markdown through `marked` (GFM); any raw HTML the learner typed is shown as text, never parsed;
// - math with KaTeX on the server: `$…$` inline, `$$…$$` display (HTML + MathML, `trust: false`,
//   so \href, \includegraphics and friends do nothing);
// - the result goes through sanitize-html with a closed allow-list (Markdown's tags, KaTeX's
//   spans and MathML): no scripts, no event handlers, no style but KaTeX's geometry, no iframes;
// - links: http(s) and mailto only, rel="nofollow ugc noopener", same window; images: http(s) only.
// Changing FORUM_SANITIZE_VERSION documents a policy change (stored HTML can be re-rendered from
// the stored Markdown with renderForumMarkdown).
import katex from "katex";
import { Marked, type TokenizerAndRendererExtension } from "marked";
import sanitizeHtml from "sanitize-html";

export const FORUM_SANITIZE_VERSION = 1;

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

function renderMath(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, { displayMode, throwOnError: false, trust: false, strict: "ignore", maxSize: 20, maxExpand: 200, output: "htmlAndMathml" });
}

const blockMath: TokenizerAndRendererExtension = {
  name: "blockMath",
  level: "block",
  start: (src) => src.match(/^ {0,3}\$\$/m)?.index,
  tokenizer(src) {
    const m = /^ {0,3}\$\$([\s\S]+?)\$\$ *(?:\n+|$)/.exec(src);
    if (m) return { type: "blockMath", raw: m[0], text: m[1].trim() };
    return undefined;
  },
  renderer: (token) => `<div class="forum-math">${renderMath(String(token.text), true)}</div>\n`,
};

const inlineMath: TokenizerAndRendererExtension = {
  name: "inlineMath",
  level: "inline",
  start: (src) => src.indexOf("$"),
  tokenizer(src) {
    const m = /^\$\$([^$]+?)\$\$/.exec(src) ?? /^\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\d)/.exec(src);
    if (m) return { type: "inlineMath", raw: m[0], text: m[1], display: m[0].startsWith("$$") };
    return undefined;
  },
  renderer: (token) => renderMath(String(token.text), Boolean(token.display)),
};

const marked = new Marked({ gfm: true, breaks: false, async: false });
marked.use({
  extensions: [blockMath, inlineMath],
  renderer: {
    // Raw HTML from a learner is text, never markup.
    html: ({ text }) => escapeHtml(text),
  },
});

const MATHML_TAGS = [
  "math", "semantics", "annotation", "mrow", "mi", "mo", "mn", "ms", "mtext", "mspace", "msup", "msub", "msubsup", "mfrac", "msqrt", "mroot",
  "mover", "munder", "munderover", "mtable", "mtr", "mtd", "mstyle", "mpadded", "mphantom", "menclose", "mglyph", "mlabeledtr",
];
const MATHML_ATTRS = [
  "xmlns", "encoding", "display", "mathvariant", "stretchy", "fence", "separator", "lspace", "rspace", "width", "height", "depth", "accent", "accentunder",
  "columnalign", "rowalign", "rowspacing", "columnspacing", "columnlines", "rowlines", "frame", "minsize", "maxsize", "movablelimits", "scriptlevel",
  "displaystyle", "notation", "linethickness", "symmetric", "largeop", "form", "voffset", "mathcolor", "mathbackground", "class",
];
// KaTeX's layout uses a few inline style properties with lengths; nothing else gets through.
const LENGTH = /^-?\d*\.?\d+(em|ex|px|pt|%)?$/;
const KATEX_STYLES = Object.fromEntries(
  ["height", "vertical-align", "margin-right", "margin-left", "margin-top", "top", "bottom", "width", "min-width", "max-width", "padding-left", "padding-right", "border-bottom-width", "border-top-width", "border-right-width", "left", "right"].map((p) => [p, [LENGTH]]),
);

const POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "del", "s", "ul", "ol", "li", "a", "img",
    "table", "thead", "tbody", "tr", "th", "td", "span", "div", "input", "svg", "path", "line",
    ...MATHML_TAGS,
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title"],
    ol: ["start"],
    th: ["align"],
    td: ["align"],
    code: ["class"],
    span: ["class", "style", "aria-hidden"],
    div: ["class"],
    // GFM task lists: a disabled checkbox
    input: ["type", "checked", "disabled"],
    // KaTeX draws a few stretchy glyphs (\sqrt, arrows) as inline SVG paths
    svg: ["xmlns", "width", "height", "viewbox", "preserveaspectratio", "style"],
    path: ["d"],
    line: ["x1", "x2", "y1", "y2", "stroke-width"],
    ...Object.fromEntries(MATHML_TAGS.map((t) => [t, MATHML_ATTRS])),
  },
  allowedClasses: {
    code: [/^language-[\w-]+$/],
    span: [/^[\w-]+$/],
    div: ["forum-math"],
  },
  allowedStyles: { span: KATEX_STYLES, svg: KATEX_STYLES },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  parser: { lowerCaseAttributeNames: true },
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...(attribs.href ? { href: attribs.href } : {}), ...(attribs.title ? { title: attribs.title } : {}), rel: "nofollow ugc noopener" } }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: "lazy", referrerpolicy: "no-referrer" } }),
    input: (tagName, attribs) => (attribs.type === "checkbox" ? { tagName, attribs: { type: "checkbox", disabled: "", ...(attribs.checked !== undefined ? { checked: "" } : {}) } } : { tagName: "span", attribs: {} }),
  },
  exclusiveFilter: (frame) => frame.tag === "annotation" && frame.attribs.encoding !== "application/x-tex",
};
// img keeps the two attributes the transform adds
POLICY.allowedAttributes = { ...(POLICY.allowedAttributes as Record<string, string[]>), img: ["src", "alt", "title", "loading", "referrerpolicy"] };

/** Sanitizes HTML with the forum's policy (the one place it is defined). */
export function sanitizeForumHtml(html: string): string {
  return sanitizeHtml(html, POLICY);
}

/** Markdown (with $math$) → sanitized HTML. */
export function renderForumMarkdown(markdown: string): string {
  const html = marked.parse(markdown.replace(/\r\n?/g, "\n")) as string;
  return sanitizeForumHtml(html);
}

/** Plain text of a Markdown body (for excerpts and e-mail), at most `max` characters. */
export function excerptOf(markdown: string, max = 200): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`~|-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
