// Components as the editors see them: the whole element as Open edX would write it inline, and
// back: an edited element split into authored fields (its attributes) and the definition the
// content store keeps (the element without url_name, as lib/olx/read stores leaf definitions).
// Pure; unknown XBlocks are kept exactly as written.
import { OlxError } from "@/lib/olx/types";
import { attributesOf, escapeAttr, parseDocumentForWrite, serialize, serializeWithout } from "@/lib/olx/xml";

export interface ParsedComponent {
  fields: Record<string, unknown>;
  definition: string;
  displayName: string | null;
}

/** Parses an edited element; throws OlxError when it is not well-formed or its tag is not `blockType`. */
export function parseComponentOlx(blockType: string, olx: string): ParsedComponent {
  const el = parseDocumentForWrite(olx.trim(), `${blockType}.xml`);
  if (el.tagName !== blockType) throw new OlxError(`the element must be <${blockType}>, not <${el.tagName}>`);
  const fields: Record<string, unknown> = {};
  for (const [k, v] of attributesOf(el)) if (k !== "url_name") fields[k] = v;
  const displayName = typeof fields.display_name === "string" ? fields.display_name : null;
  return { fields, definition: serializeWithout(el, ["url_name"]), displayName };
}

function attr(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean" || typeof v === "number") return String(v);
  return JSON.stringify(v);
}

/** The element the editor shows: the definition with its attributes brought in line with `fields`. */
export function componentOlx(blockType: string, fields: Record<string, unknown>, definition: string | null): string {
  if (blockType === "html") {
    const attrs = Object.entries(fields)
      .filter(([k, v]) => k !== "url_name" && k !== "filename" && v !== undefined && v !== null)
      .map(([k, v]) => ` ${k}="${escapeAttr(attr(v))}"`)
      .join("");
    return `<html${attrs}><![CDATA[${(definition ?? "").replace(/]]>/g, "]]]]><![CDATA[>")}]]></html>`;
  }
  const el = parseDocumentForWrite(definition ?? `<${blockType}/>`, `${blockType}.xml`);
  for (const [k] of attributesOf(el)) if (!(k in fields)) el.removeAttribute(k);
  for (const [k, v] of Object.entries(fields)) {
    if (k === "url_name" || v === undefined || v === null) continue;
    if (el.getAttribute(k) !== attr(v)) el.setAttribute(k, attr(v));
  }
  el.removeAttribute("url_name");
  return serialize(el);
}

/** The blank element a new component of a type starts from (Open edX Studio's empty templates). */
export function blankComponentOlx(blockType: string): string {
  switch (blockType) {
    case "html":
      return `<html display_name="Text"></html>`;
    case "problem":
      return `<problem display_name="Blank Problem"></problem>`;
    case "video":
      return `<video display_name="Video" youtube_id_1_0="" />`;
    case "discussion":
      return `<discussion display_name="Discussion" discussion_category="Week 1" discussion_target="Topic-Level Student-Visible Label" />`;
    default:
      return `<${blockType} />`;
  }
}

/** An html component's body when given as an element (`<html …>body</html>`), else null. */
export function htmlBodyOf(olx: string): { fields: Record<string, unknown>; body: string } | null {
  const el = parseDocumentForWrite(olx.trim(), "html.xml");
  if (el.tagName !== "html") return null;
  const fields: Record<string, unknown> = {};
  for (const [k, v] of attributesOf(el)) if (k !== "url_name" && k !== "filename") fields[k] = v;
  let body = "";
  for (let c = el.firstChild; c; c = c.nextSibling) body += c.nodeType === 4 ? (c.nodeValue ?? "") : serialize(c);
  return { fields, body };
}
