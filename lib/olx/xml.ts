// Safe XML for OLX: strict UTF-8, no DTDs or entity declarations at all (so no XXE and no
// billion laughs), a nesting-depth limit checked before the DOM parser runs, and errors that name
// the file and line. Uses @xmldom/xmldom (a real parser) and its serializer for definitions.
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from "@xmldom/xmldom";
import { OlxError } from "./types";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes UTF-8 strictly (invalid bytes are an error naming the file); drops a BOM. */
export function decodeText(data: Buffer, file: string): string {
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    // Line of the first bad byte: decode leniently and look for the first replacement character.
    const lenient = data.toString("utf8");
    const at = lenient.indexOf("\uFFFD");
    throw new OlxError("invalid UTF-8", file, at < 0 ? undefined : lineAt(lenient, at));
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

// HTML named entities that hand-written OLX uses although XML does not define them. They are
// turned into character references so the parser keeps their meaning; anything else undefined is
// an error, as it is for lxml in Open edX.
const HTML_ENTITIES: Record<string, number> = {
  nbsp: 160, copy: 169, reg: 174, trade: 8482, mdash: 8212, ndash: 8211, hellip: 8230,
  lsquo: 8216, rsquo: 8217, ldquo: 8220, rdquo: 8221, laquo: 171, raquo: 187, times: 215,
  divide: 247, deg: 176, middot: 183, bull: 8226, plusmn: 177, micro: 181, para: 182, sect: 167,
  eacute: 233, egrave: 232, agrave: 224, aacute: 225, ccedil: 231, ouml: 246, uuml: 252, auml: 228,
  szlig: 223, ntilde: 241, iacute: 237, oacute: 243, uacute: 250, le: 8804, ge: 8805, ne: 8800,
  rarr: 8594, larr: 8592, harr: 8596, pi: 960, alpha: 945, beta: 946, gamma: 947, delta: 948,
  theta: 952, lambda: 955, mu: 956, sigma: 963, omega: 969, infin: 8734, sup2: 178, sup3: 179,
  frac12: 189, frac14: 188, frac34: 190, euro: 8364, pound: 163, cent: 162, yen: 165,
};

/**
 * Refuses DOCTYPE and ENTITY declarations (outside comments and CDATA) and element nesting deeper
 * than maxDepth. Runs on the raw text before the DOM parser sees it.
 */
export function precheckXml(text: string, file: string, maxDepth: number): void {
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf("<", i);
    if (lt < 0) break;
    if (text.startsWith("<!--", lt)) {
      const end = text.indexOf("-->", lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (text.startsWith("<![CDATA[", lt)) {
      const end = text.indexOf("]]>", lt + 9);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (text.startsWith("<!", lt)) {
      const word = text.slice(lt + 2, lt + 10).toUpperCase();
      if (word.startsWith("DOCTYPE") || word.startsWith("ENTITY") || word.startsWith("ELEMENT") || word.startsWith("ATTLIST")) {
        throw new OlxError(
          "DOCTYPE and entity declarations are not allowed in OLX (external entities and entity expansion are refused)",
          file,
          lineAt(text, lt),
        );
      }
      i = lt + 2;
      continue;
    }
    if (text.startsWith("<?", lt)) {
      const end = text.indexOf("?>", lt + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    // Find the end of this tag, skipping quoted attribute values (they may contain '>').
    let j = lt + 1;
    let quote = 0;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62) break;
    }
    if (text.charCodeAt(lt + 1) === 47) depth--;
    else if (text.charCodeAt(j - 1) !== 47) {
      depth++;
      if (depth > maxDepth) throw new OlxError(`XML nested deeper than ${maxDepth} elements`, file, lineAt(text, lt));
    }
    i = j + 1;
  }
}

function replaceHtmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&([a-zA-Z][a-zA-Z0-9]*);/g, (m, name: string) => {
    if (name === "amp" || name === "lt" || name === "gt" || name === "quot" || name === "apos") return m;
    const code = HTML_ENTITIES[name];
    return code === undefined ? m : `&#${code};`;
  });
}

type ParseError = { message: string; line?: number };

// One parser for the process (constructing one per file doubles the cost on large courses);
// parsing is synchronous, so the per-file error state below cannot interleave.
let parsing: { file: string; firstError: ParseError | null } = { file: "", firstError: null };
const parser = new DOMParser({
  onError: (level, message, context) => {
    if (level === "warning") return;
    const m = /line:(\d+)/.exec(message);
    const loc = (context as { locator?: { lineNumber?: number } } | undefined)?.locator?.lineNumber;
    parsing.firstError ??= {
      message: message.replace(/\s*@#\[line:\d+,col:\d+\]\s*$/, "").replace(/^\[xmldom \w+\]\s*/, ""),
      line: loc ?? (m ? Number(m[1]) : undefined),
    };
    if (level === "fatalError") throw new OlxError(`malformed XML: ${parsing.firstError.message}`, parsing.file, parsing.firstError.line);
  },
});

/** Parses one OLX XML file; returns its root element. */
export function parseXml(data: Buffer | string, file: string, maxDepth: number): Element {
  const raw = typeof data === "string" ? data : decodeText(data, file);
  precheckXml(raw, file, maxDepth);
  const text = replaceHtmlEntities(raw);
  parsing = { file, firstError: null };
  let doc: Document;
  try {
    doc = parser.parseFromString(text, "text/xml");
  } catch (err) {
    if (err instanceof OlxError) throw err;
    const msg = (err as Error).message ?? String(err);
    const m = /line:(\d+)/.exec(msg);
    const loc = (err as { locator?: { lineNumber?: number } }).locator?.lineNumber;
    const first = parsing.firstError as ParseError | null;
    const line = first?.line ?? loc ?? (m ? Number(m[1]) : undefined);
    throw new OlxError(`malformed XML: ${first?.message ?? msg.split("\n")[0]}`, file, line);
  }
  const first = parsing.firstError as ParseError | null;
  if (first) throw new OlxError(`malformed XML: ${first.message}`, file, first.line);
  if (doc.doctype) throw new OlxError("DOCTYPE is not allowed in OLX", file);
  const root = doc.documentElement;
  if (!root) throw new OlxError("no root element", file);
  return root;
}

const serializer = new XMLSerializer();

export function serialize(node: Node): string {
  return serializer.serializeToString(node);
}

/** The element's XML with the given attributes left out (the element itself is not changed). */
export function serializeWithout(el: Element, drop: string[]): string {
  if (!drop.some((a) => el.hasAttribute(a))) return serialize(el);
  const copy = el.cloneNode(true) as Element;
  for (const a of drop) copy.removeAttribute(a);
  return serialize(copy);
}

/** Serialized children of an element (mixed text, entities, CDATA): an inline html body. */
export function innerXml(el: Element): string {
  let out = "";
  for (let c = el.firstChild; c; c = c.nextSibling) out += serialize(c);
  return out;
}

export function elementChildren(el: Element): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as Element);
  return out;
}

/** Attributes in document order. */
export function attributesOf(el: Element): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    out.push([a.name, a.value]);
  }
  return out;
}

/** Has text other than whitespace, or comments/CDATA (anything that makes it not a pointer). */
export function hasContent(el: Element): boolean {
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 || c.nodeType === 4) return true;
    if (c.nodeType === 3 && (c.nodeValue ?? "").trim() !== "") return true;
  }
  return false;
}

export function lineOf(el: Element): number | undefined {
  const n = (el as unknown as { lineNumber?: number }).lineNumber;
  return typeof n === "number" ? n : undefined;
}

export function escapeAttr(v: string): string {
  return v
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}

export function parseDocumentForWrite(xml: string, file: string): Element {
  return parseXml(xml, file, 10_000);
}
