// Small XML helpers shared by the component editors (pure: runs in the browser and in Vitest).
// Studio keeps a block's OLX as written: editors change only the attributes and children they
// own and serialize the rest back untouched.
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";

export type XmlCheck = { ok: true; doc: Document; root: Element } | { ok: false; error: string };

/** Parses one OLX element; fails unless it is well-formed and its root tag is `blockType`. */
export function parseBlockXml(olx: string, blockType: string): XmlCheck {
  const errors: string[] = [];
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level: string, msg: string) => {
        if (level !== "warning") errors.push(msg);
      },
    }).parseFromString(olx, "text/xml") as unknown as Document;
  } catch (err) {
    return { ok: false, error: `The XML is not well-formed: ${(err as Error).message.split("\n")[0]}` };
  }
  if (errors.length) return { ok: false, error: `The XML is not well-formed: ${errors[0].split("\n")[0]}` };
  const root = doc?.documentElement;
  if (!root) return { ok: false, error: "The XML is empty." };
  if (root.nodeName !== blockType) return { ok: false, error: `The root element must be <${blockType}>, not <${root.nodeName}>.` };
  return { ok: true, doc, root };
}

export function serializeXml(node: Node): string {
  return new XMLSerializer().serializeToString(node as never);
}

export function setOrRemove(el: Element, name: string, value: string | null | undefined): void {
  if (value === null || value === undefined || value === "") el.removeAttribute(name);
  else el.setAttribute(name, value);
}

export function elementChildren(el: Element): Element[] {
  return Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1);
}

/** Removes every direct child element named `name`, with the whitespace text node before it. */
export function removeChildren(el: Element, name: string): void {
  for (const c of elementChildren(el)) {
    if (c.nodeName !== name) continue;
    const prev = c.previousSibling;
    if (prev && prev.nodeType === 3 && !prev.nodeValue?.trim()) el.removeChild(prev);
    el.removeChild(c);
  }
}

/** Appends `<name attrs/>` on its own indented line. */
export function appendChild(doc: Document, el: Element, name: string, attrs: Record<string, string>): void {
  const child = doc.createElement(name);
  for (const [k, v] of Object.entries(attrs)) child.setAttribute(k, v);
  // keep the closing tag on its own line
  const last = el.lastChild;
  if (last && last.nodeType === 3 && !last.nodeValue?.trim()) el.insertBefore(doc.createTextNode("\n  "), last).parentNode?.insertBefore(child, last);
  else {
    el.appendChild(doc.createTextNode("\n  "));
    el.appendChild(child);
    el.appendChild(doc.createTextNode("\n"));
  }
}
