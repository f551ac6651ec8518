// Small DOM helpers over @xmldom/xmldom for problem XML: parsing, walking, and
// serializing fragments as HTML (void elements as <br>, others always closed).
import { DOMParser } from "@xmldom/xmldom";
import { HTML_ENTITIES } from "@xmldom/xmldom/lib/entities";

const XML_PREDEFINED = new Set(["amp", "lt", "gt", "quot", "apos"]);

/** Hand-written problems sometimes use HTML entities (&nbsp;); turn them into characters. */
function expandHtmlEntities(text: string): string {
  return text.replace(/&([A-Za-z][A-Za-z0-9]*);/g, (whole, name: string) => {
    if (XML_PREDEFINED.has(name)) return whole;
    const value = Object.prototype.hasOwnProperty.call(HTML_ENTITIES, name) ? HTML_ENTITIES[name] : undefined;
    if (value === undefined) return whole;
    return Array.from(value)
      .map((c) => `&#${c.codePointAt(0)};`)
      .join("");
  });
}

export type XNode = {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  parentNode: XNode | null;
  childNodes: ArrayLike<XNode>;
};
export type XElement = XNode & {
  tagName: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
  removeChild(child: XNode): XNode;
  appendChild(child: XNode): XNode;
};

export const ELEMENT = 1;
export const TEXT = 3;
export const CDATA = 4;

export function parseXml(text: string): XElement {
  let firstError: string | null = null;
  const parser = new DOMParser({
    onError: (level: string, msg: string) => {
      if (level !== "warning" && firstError === null) firstError = msg;
    },
  });
  let doc: { documentElement: XElement | null } | null = null;
  try {
    doc = parser.parseFromString(expandHtmlEntities(text), "text/xml") as unknown as { documentElement: XElement | null };
  } catch (e) {
    throw new Error(`The problem XML could not be parsed: ${(e as Error).message.split("\n")[0]}`);
  }
  if (firstError !== null) throw new Error(`The problem XML could not be parsed: ${String(firstError).split("\n")[0]}`);
  if (!doc?.documentElement) throw new Error("The problem XML is empty.");
  return doc.documentElement;
}

export function isElement(n: XNode): n is XElement {
  return n.nodeType === ELEMENT;
}

export function children(el: XNode): XElement[] {
  return Array.from(el.childNodes).filter(isElement);
}

export function childrenByTag(el: XNode, tag: string): XElement[] {
  return children(el).filter((c) => c.tagName === tag);
}

/** All descendant elements in document order (not including el). */
export function descendants(el: XNode, pred?: (e: XElement) => boolean): XElement[] {
  const out: XElement[] = [];
  const walk = (n: XNode) => {
    for (const c of Array.from(n.childNodes)) {
      if (isElement(c)) {
        if (!pred || pred(c)) out.push(c);
        walk(c);
      }
    }
  };
  walk(el);
  return out;
}

export function attr(el: XElement, name: string): string | null {
  return el.hasAttribute(name) ? el.getAttribute(name) : null;
}

/** lxml's `.text`: the text before the first child element (null when empty). */
export function leadingText(el: XElement): string | null {
  let s = "";
  for (const c of Array.from(el.childNodes)) {
    if (c.nodeType === TEXT || c.nodeType === CDATA) s += c.nodeValue ?? "";
    else if (c.nodeType === ELEMENT) break;
  }
  return s === "" ? null : s;
}

export function textContent(el: XNode): string {
  let s = "";
  for (const c of Array.from(el.childNodes)) {
    if (c.nodeType === TEXT || c.nodeType === CDATA) s += c.nodeValue ?? "";
    else if (c.nodeType === ELEMENT) s += textContent(c);
  }
  return s;
}

export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;");
}

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** How an element maps to HTML: drop it, rename it, or keep it (with its attributes). */
export type HtmlTransform = (
  el: XElement,
) => { drop: true } | { tag: string; keepAttrs: boolean; attrs?: Record<string, string> } | null;

export function serializeNode(n: XNode, transform: HtmlTransform): string {
  if (n.nodeType === TEXT || n.nodeType === CDATA) return escapeText(n.nodeValue ?? "");
  if (!isElement(n)) return "";
  const t = transform(n);
  if (t && "drop" in t) return "";
  const tag = t ? t.tag : n.tagName;
  const keepAttrs = t ? t.keepAttrs : true;
  let attrs = "";
  if (keepAttrs) {
    for (const a of Array.from(n.attributes)) attrs += ` ${a.name}="${escapeAttr(a.value)}"`;
  }
  if (t && t.attrs) for (const [k, v] of Object.entries(t.attrs)) attrs += ` ${k}="${escapeAttr(v)}"`;
  if (VOID.has(tag.toLowerCase())) return `<${tag}${attrs}>`;
  return `<${tag}${attrs}>${serializeChildren(n, transform)}</${tag}>`;
}

export function serializeChildren(el: XNode, transform: HtmlTransform): string {
  return Array.from(el.childNodes)
    .map((c) => serializeNode(c, transform))
    .join("");
}
