// renderProblem: a JSON render model of a problem for the React renderer — the problem text
// in document order with inputs where they appear, accessible labels, and the Show Answer /
// solution / demand-hint data. Answers never appear in the text nodes: response and input
// attributes (answer=, correct=, ...) are not serialized.
import { annotationCorrectOption, annotationOptions } from "./annotation";
import { analyzeProblem, needsPythonStatic } from "./analyze";
import { CapaError } from "./errors";
import { pyInt } from "./problem";
import { type CapaResponse, INPUT_TAGS, loadProblem, RESPONSE_TAGS } from "./problem";
import {
  htmlTransform,
  innerHtml,
  mcCorrectChoices,
  numericalAnswerText,
  optionCorrect,
  optionList,
  parseImageRectangle,
  parseImageRegions,
  stringCorrectAnswers,
} from "./responses";
import type { CorrectAnswer, GradeOptions, ProblemRenderModel, RenderInput, RenderNode } from "./types";
import { attr, childrenByTag, descendants, isElement, leadingText, serializeChildren, serializeNode, type XElement, type XNode } from "./xml";

interface InputInfo {
  resp: CapaResponse;
  label?: string;
  descriptions: string[];
}

function previousElement(el: XElement): XElement | null {
  let n = (el as unknown as { previousSibling: XNode | null }).previousSibling;
  while (n && !isElement(n)) n = (n as unknown as { previousSibling: XNode | null }).previousSibling;
  return n as XElement | null;
}

/** capa_problem.response_a11y_data: where each input's label and descriptions come from. */
function a11y(resp: CapaResponse, consumed: Set<XElement>, renamed: Map<XElement, string>, info: Map<XElement, InputInfo>) {
  if (resp.inputs.length === 0) return;
  if (resp.inputs.length > 1) {
    for (const l of childrenByTag(resp.el, "label")) renamed.set(l, "p");
    for (const d of childrenByTag(resp.el, "description")) renamed.set(d, "p");
    for (const input of resp.inputs) {
      info.set(input.el, { resp, label: attr(input.el, "label") ?? undefined, descriptions: [] });
    }
    return;
  }
  const input = resp.inputs[0];
  let label: string | undefined;
  const labelTag = childrenByTag(resp.el, "label")[0];
  if (labelTag) {
    label = innerHtml(labelTag);
    consumed.add(labelTag);
  } else if (attr(input.el, "label") !== null) {
    const p = previousElement(resp.el);
    if (p && p.tagName === "p" && leadingText(p) === attr(input.el, "label")) {
      label = innerHtml(p);
      consumed.add(p);
    } else label = attr(input.el, "label")!;
  } else {
    const prev = previousElement(resp.el);
    if (prev && prev.tagName === "label") {
      label = innerHtml(prev);
      consumed.add(prev);
    }
  }
  const descriptions = childrenByTag(resp.el, "description").map((d) => {
    consumed.add(d);
    return innerHtml(d);
  });
  info.set(input.el, { resp, label: label || undefined, descriptions });
}

function inputModel(el: XElement, meta: InputInfo, transform: (e: XElement) => string): RenderInput {
  const { resp } = meta;
  const base = {
    id: attr(el, "id")!,
    responseId: resp.id,
    responseType: resp.tag,
    label: meta.label,
    descriptions: meta.descriptions,
    questionLabel: `Question ${Number(resp.id.slice(resp.id.lastIndexOf("_") + 1)) - 1}`,
  };
  if (el.tagName === "choicegroup" || el.tagName === "checkboxgroup" || el.tagName === "radiogroup") {
    const choices = childrenByTag(el, "choice").map((c) => ({ value: attr(c, "name") ?? "", html: transform(c) }));
    const checkbox =
      el.tagName === "checkboxgroup" || (el.tagName === "choicegroup" && resp.tag === "truefalseresponse");
    return checkbox ? { ...base, kind: "checkbox", choices } : { ...base, kind: "radio", choices };
  }
  if (el.tagName === "optioninput") {
    return { ...base, kind: "select", options: optionList(el).map((o) => ({ value: o, text: o })) };
  }
  if (el.tagName === "jsinput") {
    const dim = (name: string) => {
      const n = Number.parseInt(attr(el, name) ?? "", 10);
      return Number.isFinite(n) && n > 0 ? Math.min(n, 4000) : undefined;
    };
    const opt = (name: string) => {
      const v = attr(el, name)?.trim();
      return v ? v : undefined;
    };
    const width = dim("width");
    const height = dim("height");
    const getStateFn = opt("get_statefn");
    const setStateFn = opt("set_statefn");
    const initialState = opt("initial_state");
    const title = opt("title");
    return {
      ...base,
      kind: "jsinput",
      src: (attr(el, "html_file") ?? "").trim(),
      gradeFn: (attr(el, "gradefn") ?? "").trim(),
      ...(getStateFn ? { getStateFn } : {}),
      ...(setStateFn ? { setStateFn } : {}),
      ...(initialState ? { initialState } : {}),
      ...(width ? { width } : {}),
      ...(height ? { height } : {}),
      ...(title ? { title } : {}),
    };
  }
  if (el.tagName === "imageinput") {
    // problem.ts refuses an imageinput without src or a positive width/height.
    const alt = attr(el, "alt")?.trim();
    return {
      ...base,
      kind: "image",
      src: (attr(el, "src") ?? "").trim(),
      width: Math.min(pyInt(attr(el, "width") ?? "") ?? 1, 4000),
      height: Math.min(pyInt(attr(el, "height") ?? "") ?? 1, 4000),
      ...(alt ? { alt } : {}),
    };
  }
  if (el.tagName === "annotationinput") return annotationModel(el, base);
  const kind = resp.tag === "numericalresponse" ? "numeric" : resp.tag === "formularesponse" ? "formula" : "text";
  const size = Number.parseInt(attr(el, "size") ?? "", 10);
  const trailing = attr(el, "trailing_text");
  const inline = attr(el, "inline");
  return {
    ...base,
    kind,
    ...(Number.isFinite(size) && size > 0 ? { size } : {}),
    ...(trailing ? { trailingText: trailing } : {}),
    ...(inline && inline !== "0" && inline.toLowerCase() !== "false" ? { inline: true } : {}),
  };
}

function correctAnswerOf(resp: CapaResponse, input: XElement): CorrectAnswer | null {
  switch (resp.tag) {
    case "multiplechoiceresponse":
    case "truefalseresponse": {
      const all = mcCorrectChoices(resp);
      const shown = new Set(childrenByTag(input, "choice").map((c) => attr(c, "name")));
      const visible = all.filter((v) => shown.has(v));
      return { kind: "choices", values: visible.length > 0 ? visible : all };
    }
    case "choiceresponse":
      return {
        kind: "choices",
        values: descendants(resp.el, (e) => e.tagName === "choice")
          .filter((c) => (attr(c, "correct") ?? "").toUpperCase() === "TRUE")
          .map((c) => attr(c, "name")!),
      };
    case "optionresponse": {
      const v = optionCorrect(input);
      return v === null ? null : { kind: "option", value: v };
    }
    case "numericalresponse": {
      const a = numericalAnswerText(resp);
      return { kind: "text", values: [a.main, ...a.additional] };
    }
    case "stringresponse":
      return { kind: "text", values: stringCorrectAnswers(resp) };
    case "formularesponse":
      return { kind: "text", values: [attr(resp.el, "answer") ?? ""] };
    case "imageresponse":
      return imageAnswer(input);
    case "annotationresponse": {
      const a = annotationCorrectOption(input);
      return a ? { kind: "annotation", ...a } : null;
    }
    default:
      return null;
  }
}

/** AnnotationInput.setup: the parts of an annotation exercise, with Open edX's defaults when an
 *  element is absent (an element that is present but empty stays empty, as findtext gives). Child
 *  markup is kept (Open edX's findtext would keep only the text before the first child element). */
function annotationModel(el: XElement, base: Omit<RenderInput, "kind">): RenderInput {
  const part = (tag: string, fallback: string) => {
    const found = childrenByTag(el, tag)[0];
    return found ? innerHtml(found) : fallback;
  };
  return {
    ...base,
    kind: "annotation",
    title: part("title", "Annotation Exercise"),
    text: part("text", ""),
    comment: part("comment", ""),
    commentPrompt: part("comment_prompt", "Type a commentary below:"),
    tagPrompt: part("tag_prompt", "Select one tag:"),
    options: annotationOptions(el).map((o, i) => ({ value: i, html: innerHtml(o) })),
  };
}

/** Show Answer for an imageinput (Open edX get_answers: its rectangle and regions). Parts that do
 *  not parse are left out (grading reports them to the author). */
function imageAnswer(input: XElement): CorrectAnswer | null {
  const rectangles = (attr(input, "rectangle") ?? "")
    .split(";")
    .map(parseImageRectangle)
    .filter((r): r is [number, number, number, number] => r !== null);
  let regions: [number, number][][] = [];
  const regionsAttr = attr(input, "regions");
  if (regionsAttr) {
    try {
      regions = parseImageRegions(regionsAttr);
    } catch {
      regions = [];
    }
  }
  if (rectangles.length === 0 && regions.length === 0) return null;
  const parts = [
    ...rectangles.map(([x1, y1, x2, y2]) => `the rectangle from (${x1}, ${y1}) to (${x2}, ${y2})`),
    ...regions.map((r) => `the area inside ${r.map(([x, y]) => `(${x}, ${y})`).join(", ")}`),
  ];
  return { kind: "image", rectangles, regions, text: `A point in ${parts.join(" or ")} (image pixels).` };
}

const SAFE_ATTR = /^(?!on)[a-z][a-z0-9_:-]*$/i;

export function renderProblem(problemXml: string, options: GradeOptions = {}): ProblemRenderModel {
  const problemId = options.problemId ?? "1";
  const seed = options.seed ?? 1;
  const scripted = options.scripted ?? needsPythonStatic(problemXml);
  const analysis = analyzeProblem(problemXml, { scripted });
  const empty: ProblemRenderModel = {
    problemId,
    seed,
    supported: false,
    reason: analysis.reason,
    responseTypes: analysis.responseTypes,
    nodes: [],
    inputs: [],
    solutions: [],
    demandHints: [],
    correctAnswers: {},
    possible: 0,
  };
  let problem;
  try {
    problem = loadProblem(problemXml, { problemId, seed, scripted });
  } catch (e) {
    if (e instanceof CapaError) return empty;
    throw e;
  }
  const supported = analysis.supported;
  const consumed = new Set<XElement>();
  const renamed = new Map<XElement, string>();
  const inputInfo = new Map<XElement, InputInfo>();
  if (supported) for (const resp of problem.responses) a11y(resp, consumed, renamed, inputInfo);

  const transform = (el: XElement) => {
    if (consumed.has(el) || INPUT_TAGS.has(el.tagName)) return { drop: true as const };
    if (RESPONSE_TAGS.has(el.tagName)) {
      return { tag: "div", keepAttrs: false, attrs: { class: attr(el, "inline") ? "capa-response inline" : "capa-response" } };
    }
    const r = renamed.get(el);
    if (r) return { tag: r, keepAttrs: false };
    return htmlTransform(el);
  };
  const choiceHtml = (c: XElement) => serializeChildren(c, transform).trim();

  const containsInput = (el: XElement) => descendants(el, (e) => inputInfo.has(e)).length > 0;
  const inputs: RenderInput[] = [];

  const renderChildren = (parent: XNode): RenderNode[] => {
    const out: RenderNode[] = [];
    const pushHtml = (html: string) => {
      // Whitespace-only text between block elements is dropped: React rejects text
      // nodes inside <table>/<tr>, and it carries no meaning in problem markup.
      const last = out[out.length - 1];
      if (!html.trim() && !(last && last.type === "html")) return;
      if (last && last.type === "html") last.html += html;
      else out.push({ type: "html", html });
    };
    for (const child of Array.from(parent.childNodes)) {
      if (!isElement(child)) {
        pushHtml(serializeNode(child, transform));
        continue;
      }
      const meta = inputInfo.get(child);
      if (meta) {
        const input = inputModel(child, meta, choiceHtml);
        inputs.push(input);
        out.push({ type: "input", input });
        continue;
      }
      const t = transform(child);
      if (t && "drop" in t) continue;
      if (containsInput(child)) {
        const attrs: Record<string, string> = {};
        if (!t || t.keepAttrs) {
          for (const a of Array.from(child.attributes)) if (SAFE_ATTR.test(a.name)) attrs[a.name] = a.value;
        }
        if (t && "attrs" in t && t.attrs) Object.assign(attrs, t.attrs);
        if (RESPONSE_TAGS.has(child.tagName)) {
          // capa marks author-inline responses (inline="1") so they flow with the text.
          attrs.class = attr(child, "inline") ? "capa-response inline" : "capa-response";
        }
        out.push({ type: "element", tag: t ? t.tag : child.tagName, attrs, children: renderChildren(child) });
        continue;
      }
      pushHtml(serializeNode(child, transform));
    }
    return out;
  };
  const nodes = renderChildren(problem.root);

  const correctAnswers: Record<string, CorrectAnswer> = {};
  let possible = 0;
  if (supported) {
    for (const resp of problem.responses) {
      for (const input of resp.inputs) {
        possible += input.points;
        const ca = correctAnswerOf(resp, input.el);
        if (ca) correctAnswers[input.id] = ca;
      }
    }
  }
  const solutions = descendants(problem.root, (e) => e.tagName === "solution").map((s) => serializeChildren(s, transform).trim());
  const demandHints = descendants(problem.root, (e) => e.tagName === "demandhint").flatMap((d) =>
    childrenByTag(d, "hint").map((h) => serializeChildren(h, transform).trim()),
  );

  return {
    problemId,
    seed,
    supported,
    ...(analysis.reason ? { reason: analysis.reason } : {}),
    responseTypes: analysis.responseTypes,
    nodes,
    inputs,
    solutions,
    demandHints,
    correctAnswers: supported ? correctAnswers : {},
    possible,
  };
}


