// Open edX's Studio "simple editor" markdown → problem OLX, reproducing edx-platform's
// `markdownToXml` (xmodule/js/src/problem/edit.js) rule by rule, quirks included, so a problem
// authored here converts exactly as it would in Open edX Studio. PURE: no Next.js, no database;
// runs in the browser (the editor converts as the author types) and on the server.
//
// The rules, in Open edX's order (each step rewrites the text the previous step produced):
//  1. the markdown is split into parts on a line holding only `---`; each part converts alone;
//  2. `Title` + a line of `==…` → `<h3 class="hd hd-2 problem-header">`;
//  3. `>>question||description<<` → `<label>` (+ `<description>` when not empty);
//  4. lines `|| hint ||` are removed and collected as demand hints (one <demandhint> at the end);
//  5. newlines inside `{{ … }}` become spaces;
//  6. `[[a, (b), c]]` (one line) → optioninput options=/correct=; `[[` lines `]]` → <option>s;
//  7. `( ) a` / `(x) b` runs → multiplechoiceresponse (`@` fixed, `!` shuffle);
//  8. `[ ] a` / `[x] b` runs (and `{{ ((A B)) … }}` lines) → choiceresponse;
//  9. `= …` / `s= …` (+ `or= …` / `not= …` lines) → numericalresponse when the answer looks
//     numeric or is a range `[a, b)`, else stringresponse type="ci" (`|` first = regexp);
// 10. `[explanation] … [explanation]` → <solution>; `[code] … [code]` → <pre><code>;
// 11. every other line not starting with `<` becomes a <p> (not inside script/pre/label/description);
// 12. when a part holds exactly one response, its other top-level elements move inside it
//     (before the response's first element if they came before the response, else after).
// A choice or option with no text is an authoring error, as in Open edX (ProblemMarkdownError).
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";

export class ProblemMarkdownError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProblemMarkdownError";
  }
}

const BLANK_OPTION = "An answer option has been left blank. Please review and edit the component.";
const RESPONSE_TYPES = new Set(["optionresponse", "multiplechoiceresponse", "stringresponse", "numericalresponse", "choiceresponse"]);

interface Hint {
  /** the text with the first `{{ … }}` removed */
  rest: string;
  hint: string;
  label: string;
  /** the text was wrapped in parentheses (dropdown correct option) */
  parens: boolean;
  /** ` label="…"` or "" */
  labelAttr: string;
}

/** Open edX's extractHint: the first `{{ label:: hint }}` in a line, and what remains. */
function extractHint(input: string, detectParens = false): Hint {
  let rest = input;
  let hint = "";
  let label = "";
  let labelAttr = "";
  let parens = false;
  const curly = /\s*{{(.*?)}}/.exec(rest);
  if (curly) {
    rest = rest.replace(curly[0], () => "");
    hint = curly[1].trim();
    const labelled = /^(.*?)::/.exec(hint);
    if (labelled) {
      hint = hint.replace(labelled[0], () => "").trim();
      label = labelled[1].trim();
      labelAttr = ` label="${label}"`;
    }
  }
  if (detectParens && rest.length >= 2 && rest.startsWith("(") && rest.endsWith(")")) {
    rest = rest.slice(1, -1);
    parens = true;
  }
  return { rest, hint, label, parens, labelAttr };
}

function dropdown(match: string, body: string): string {
  if (!match.includes("\n")) {
    // One line: the old options="('a','b')" correct="b" syntax.
    const correctRe = /(?:^|,)\s*\((.*?)\)\s*(?:$|,)/g;
    const options = body.split(/,\s*/g).map((o) => `'${o.replace(correctRe, "$1")}'`);
    const correct = /(?:^|,)\s*\((.*?)\)\s*(?:$|,)/.exec(body);
    return `\n<optionresponse>\n  <optioninput options="(${options.join(",")})" correct="${correct ? correct[1] : ""}"></optioninput>\n</optionresponse>\n\n`;
  }
  let lines = "";
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const h = extractHint(line, true);
    if (!h.rest) throw new ProblemMarkdownError(BLANK_OPTION);
    const hint = h.hint ? ` <optionhint${h.label ? ` label="${h.label}"` : ""}>${h.hint}</optionhint>` : "";
    lines += `    <option correct="${h.parens ? "True" : "False"}">${h.rest}${hint}</option>\n`;
  }
  return `\n<optionresponse>\n  <optioninput>\n${lines}  </optioninput>\n</optionresponse>\n\n`;
}

function multipleChoice(match: string): string {
  let choices = "";
  let shuffle = false;
  for (const raw of match.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const head = /^\s*\((.{0,3})\)\s*/.exec(line);
    let value = head ? line.slice(head[0].length) : "";
    if (!value) throw new ProblemMarkdownError(BLANK_OPTION);
    const marks = head![1];
    const correct = /x/i.test(marks);
    const fixed = marks.includes("@") ? ' fixed="true"' : "";
    if (marks.includes("!")) shuffle = true;
    const h = extractHint(value);
    if (h.hint) value = `${h.rest} <choicehint${h.labelAttr}>${h.hint}</choicehint>`;
    choices += `    <choice correct="${correct}"${fixed}>${value}</choice>\n`;
  }
  const group = shuffle ? '<choicegroup type="MultipleChoice" shuffle="true">' : '<choicegroup type="MultipleChoice">';
  return `<multiplechoiceresponse>\n  ${group}\n${choices}  </choicegroup>\n</multiplechoiceresponse>\n\n`;
}

function checkboxes(match: string): string {
  let choices = "";
  let compound = "";
  for (const raw of match.split("\n")) {
    if (!raw.trim()) continue;
    const ab = /^\s*{{\s*\(\((.*?)\)\)(.*?)}}/.exec(raw);
    if (ab) {
      compound += `    <compoundhint value="${ab[1].trim()}">${ab[2].replace("&lf;", "\n").trim()}</compoundhint>\n`;
      continue;
    }
    const head = /^\s*\[.?\]\s*/.exec(raw);
    let value = head ? raw.slice(head[0].length) : "";
    if (!value) throw new ProblemMarkdownError(BLANK_OPTION);
    const correct = /^\s*\[x\]/i.test(raw);
    let hints = "";
    const h = extractHint(value);
    if (h.hint) {
      // `{{ selected: … }, { unselected: … }}`: only that syntax makes choice hints; anything
      // else inside {{ }} stays in the text so the author sees it was not understood.
      const inner = `{${h.hint}}`;
      const sel = /{\s*(s|selected):((.|\n)*?)}/i.exec(inner);
      if (sel) hints += `\n      <choicehint selected="true">${sel[2].trim()}</choicehint>`;
      const unsel = /{\s*(u|unselected):((.|\n)*?)}/i.exec(inner);
      if (unsel) hints += `\n      <choicehint selected="false">${unsel[2].trim()}</choicehint>`;
      if (hints) value = h.rest;
    }
    choices += `    <choice correct="${correct}">${value}${hints}</choice>\n`;
  }
  return `<choiceresponse>\n  <checkboxgroup>\n${choices}${compound}  </checkboxgroup>\n</choiceresponse>\n\n`;
}

const isRange = (a: string) => a.length > 0 && (a[0] === "[" || a[0] === "(") && (a.endsWith("]") || a.endsWith(")"));

function looksNumeric(value: string): boolean {
  let v = value;
  if (v.includes("{{") && v.includes("}}")) v = v.replace(/{{[\s\S]*?}}/g, "").trim();
  if (/[a-df-z]/i.test(v)) return false; // letters other than e (1e5) make it text
  return !Number.isNaN(parseFloat(v));
}

function numerical(lines: string[]): string | null {
  let first = lines[0].replace(/^=\s*/, "");
  if (!looksNumeric(first) && !isRange(first)) return null;
  const h = extractHint(first);
  let hintLine = "";
  if (h.hint) {
    first = h.rest;
    hintLine = `  <correcthint${h.labelAttr}>${h.hint}</correcthint>\n`;
  }
  let out: string;
  if (isRange(first)) {
    out = `<numericalresponse answer="${first}">\n`;
  } else {
    const tol = /(.*?)\+-\s*(.*?$)/.exec(first);
    out = `<numericalresponse answer="${(tol ? tol[1] : first).replace(/\s+/g, "")}">\n`;
    if (tol && tol[2]) out += `  <responseparam type="tolerance" default="${tol[2]}" />\n`;
  }
  for (const line of lines.slice(1)) {
    const ah = extractHint(line);
    const or = /^or=\s*(.*)/.exec(ah.rest);
    if (!or) continue;
    // Open edX keeps only plain numbers as additional answers: no text, range or tolerance.
    if (Number.isNaN(parseFloat(or[1])) || isRange(or[1]) || /(.*?)\+-\s*(.*?$)/.test(or[1])) continue;
    const hint = ah.hint ? `<correcthint${ah.labelAttr}>${ah.hint}</correcthint>` : "";
    out += `  <additional_answer answer="${or[1]}">${hint}</additional_answer>\n`;
  }
  return `${out}  <formulaequationinput />\n${hintLine}</numericalresponse>\n\n`;
}

function text(lines: string[]): string {
  const h = extractHint(lines[0].replace(/^s?=\s*/, ""));
  let answer = h.rest;
  let type = ' type="ci"';
  if (answer[0] === "|") {
    type = ' type="ci regexp"';
    answer = answer.slice(1).trim();
  }
  let out = `<stringresponse answer="${answer}"${type} >\n`;
  if (h.hint) out += `  <correcthint${h.labelAttr}>${h.hint}</correcthint>\n`;
  for (const line of lines.slice(1)) {
    const ah = extractHint(line);
    const not = /^not=\s*(.*)/.exec(ah.rest);
    if (not) {
      out += `  <stringequalhint answer="${not[1]}"${ah.labelAttr}>${ah.hint}</stringequalhint>\n`;
      continue;
    }
    const or = /^or=\s*(.*)/.exec(ah.rest);
    if (or) {
      const hint = ah.hint ? `<correcthint${ah.labelAttr}>${ah.hint}</correcthint>` : "";
      out += `  <additional_answer answer="${or[1]}">${hint}</additional_answer>\n`;
    }
  }
  return `${out}  <textline size="20"/>\n</stringresponse>\n\n`;
}

type DomNode = {
  nodeType: number;
  nodeName: string;
  parentNode: DomNode | null;
  childNodes: ArrayLike<DomNode>;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  insertBefore(n: DomNode, ref: DomNode | null): DomNode;
  appendChild(n: DomNode): DomNode;
};

function parseStrict(xml: string): DomNode {
  let error: string | null = null;
  const parser = new DOMParser({
    onError: (level: string, msg: string) => {
      if (level !== "warning" && error === null) error = msg;
    },
  });
  let doc: { documentElement: DomNode | null } | null = null;
  try {
    doc = parser.parseFromString(xml, "text/xml") as unknown as { documentElement: DomNode | null };
  } catch (e) {
    error ??= (e as Error).message;
  }
  if (error !== null || !doc?.documentElement) {
    throw new ProblemMarkdownError(`The problem text is not well-formed XML: ${String(error ?? "empty document").split("\n")[0]}`);
  }
  return doc.documentElement;
}

function elementChildren(n: DomNode): DomNode[] {
  return Array.from(n.childNodes).filter((c) => c.nodeType === 1);
}

function descendants(n: DomNode, out: DomNode[] = []): DomNode[] {
  for (const c of elementChildren(n)) {
    out.push(c);
    descendants(c, out);
  }
  return out;
}

function contains(ancestor: DomNode, n: DomNode | null): boolean {
  for (let p = n; p; p = p.parentNode) if (p === ancestor) return true;
  return false;
}

/** Step 12: a part with exactly one response becomes that response element. */
function foldIntoSingleResponse(xml: string): string {
  const root = parseStrict(`<prob>${xml}</prob>`);
  const responses = descendants(root).filter((e) => RESPONSE_TYPES.has(e.nodeName));
  if (responses.length !== 1) return xml;
  const response = responses[0];
  const first = elementChildren(response)[0] ?? null;
  let before = true;
  for (const child of elementChildren(root)) {
    // Open edX compares by tag name here, not identity: a second element with the response's
    // tag name is skipped too.
    if (child.nodeName === response.nodeName) {
      before = false;
      continue;
    }
    if (contains(child, response)) throw new ProblemMarkdownError("The problem text is not well-formed XML: a question cannot be placed inside another element.");
    if (before) response.insertBefore(child, first);
    else response.appendChild(child);
  }
  let out = new XMLSerializer().serializeToString(response as never);
  out = out.replace(/\sxmlns=['"].*?['"]/gi, "");
  return out.replace(/(<\/.*?>)(<.*?>)/gi, "$1\n$2");
}

function convertPart(part: string, demandHints: string[]): string {
  let xml = part.replace(/\r\n/g, "\n");

  xml = xml.replace(/(^.*?$)(?=\n==+$)/gm, '<h3 class="hd hd-2 problem-header">$1</h3>');
  xml = xml.replace(/\n^==+$/gm, "");

  xml = xml.replace(/>>([^]+?)<</gm, (_m, q: string) => {
    const [question, description] = q.split("||");
    const label = `<label>${question}</label>\n`;
    return description ? `${label}<description>${description}</description>\n` : label;
  });

  let hints = "";
  xml = xml.replace(/(^\s*\|\|.*?\|\|\s*$\n?)+/gm, (m: string) => {
    for (const line of m.split("\n")) {
      const inner = /\s*\|\|(.*?)\|\|/.exec(line);
      if (inner) hints += `  <hint>${inner[1].trim()}</hint>\n`;
    }
    return "";
  });

  xml = xml.replace(/{{(.|\n)*?}}/gm, (m: string) => m.replace(/\r?\n( |\t)*/g, " "));

  xml = xml.replace(/\[\[((.|\n)+?)\]\]/g, (m: string, body: string) => dropdown(m, body));
  xml = xml.replace(/(^\s*\(.{0,3}\).*?$\n*)+/gm, (m: string) => multipleChoice(m));
  xml = xml.replace(/(^\s*((\[.?\])|({{.*?}})).*?$\n*)+/gm, (m: string) => checkboxes(m));
  xml = xml.replace(/(^s?=\s*(.*?$)(\n*(or|not)=\s*(.*?$))*)+/gm, (_m: string, p: string) => {
    const lines = p.split("\n");
    return numerical(lines) ?? text(lines);
  });

  xml = xml.replace(/\[explanation\]\n?([^\]]*)\[\/?explanation\]/gim, (_m, body: string) => `<solution>\n<div class="detailed-solution">\nExplanation\n\n${body}\n</div>\n</solution>`);
  xml = xml.replace(/\[code\]\n?([^\]]*)\[\/?code\]/gim, (_m, body: string) => `<pre><code>${body}</code></pre>`);

  // Paragraphs: every line that does not start with a tag, except inside script/pre/label/description.
  const pieces = xml.split(/(<\/?(?:script|pre|label|description).*?>)/g);
  let wrap = true;
  xml = pieces
    .map((piece) => {
      if (/<(script|pre|label|description)/.test(piece)) wrap = false;
      const out = wrap ? piece.replace(/(^(?!\s*<|$).*$)/gm, "<p>$1</p>") : piece;
      if (/<\/(script|pre|label|description)/.test(piece)) wrap = true;
      return out;
    })
    .join("");

  xml = xml.replace(/\n\n\n/g, "\n");
  if (hints) demandHints.push(hints);
  xml = foldIntoSingleResponse(xml);
  return xml.replace(/\sclass='qtitle'/gi, "");
}

/**
 * Converts Open edX simple-editor markdown to a `<problem>` element, exactly as Open edX Studio
 * does. Throws ProblemMarkdownError for a blank choice/option or a part whose text is not
 * well-formed XML (e.g. a bare `<` or `&` in a problem with one question).
 */
export function markdownToOlx(markdown: string): string {
  const demandHints: string[] = [];
  const parts: string[] = [];
  for (const part of markdown.split(/\n\s*---\s*\n/g)) {
    if (part.trim().length > 0) parts.push(convertPart(part, demandHints));
  }
  const demand = demandHints.length ? `\n<demandhint>\n${demandHints.join("")}</demandhint>` : "";
  return `<problem>\n${parts.join("\n\n")}${demand}\n</problem>`;
}

export type MarkdownConversion = { ok: true; olx: string } | { ok: false; message: string };

/** markdownToOlx that answers with a message instead of throwing (for the editor). */
export function convertProblemMarkdown(markdown: string): MarkdownConversion {
  try {
    return { ok: true, olx: markdownToOlx(markdown) };
  } catch (e) {
    if (e instanceof ProblemMarkdownError) return { ok: false, message: e.message };
    return { ok: false, message: `The markdown could not be converted: ${(e as Error).message}` };
  }
}

// ---- structural comparison (whitespace-insensitive), used to decide "still what the markdown made"

type Canon = string | { tag: string; attrs: [string, string][]; children: Canon[] };

function canon(n: DomNode & { nodeValue?: string | null; attributes?: ArrayLike<{ name: string; value: string }> }): Canon | null {
  if (n.nodeType === 3 || n.nodeType === 4) {
    const t = (n.nodeValue ?? "").replace(/\s+/g, " ").trim();
    return t ? t : null;
  }
  if (n.nodeType !== 1) return null;
  const attrs = Array.from(n.attributes ?? [])
    .filter((a) => !a.name.startsWith("xmlns"))
    .map((a): [string, string] => [a.name, a.value])
    .sort((a, b) => a[0].localeCompare(b[0]));
  const children: Canon[] = [];
  for (const c of Array.from(n.childNodes)) {
    const x = canon(c);
    if (x === null) continue;
    // adjacent text (e.g. text + CDATA) merges
    const last = children[children.length - 1];
    if (typeof x === "string" && typeof last === "string") children[children.length - 1] = `${last} ${x}`;
    else children.push(x);
  }
  return { tag: n.nodeName, attrs, children };
}

/**
 * A whitespace-insensitive canonical form of an XML document (attributes sorted, text trimmed
 * and collapsed), or null when it does not parse. Two documents with the same form are the same
 * problem for an author.
 */
export function canonicalOlx(xml: string): string | null {
  try {
    return JSON.stringify(canon(parseStrict(xml)));
  } catch {
    return null;
  }
}

/** Do two OLX documents have the same elements, attributes and (whitespace-collapsed) text? */
export function sameOlx(a: string, b: string): boolean {
  const ca = canonicalOlx(a);
  return ca !== null && ca === canonicalOlx(b);
}
