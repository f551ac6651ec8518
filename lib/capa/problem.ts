// Loading a <problem> the way capa's LoncapaProblem.__init__ does: XML compatibility
// rewrites, response/input ids, per-response setup, and the late transforms (shuffle,
// answer-pool) seeded per learner. Problems that need Python (or inputs we do not grade)
// are marked unsupported with a plain reason instead of being graded.
import { ANNOTATION_MAX_POINTS, checkAnnotationInput } from "./annotation";
import { CapaError, problemError } from "./errors";
import { PyRandom } from "./random";
import {
  attr,
  children,
  childrenByTag,
  descendants,
  isElement,
  leadingText,
  parseXml,
  textContent,
  type XElement,
  type XNode,
} from "./xml";

/** Every response tag Open edX registers (ids are counted over all of them). */
export const RESPONSE_TAGS = new Set([
  "choiceresponse",
  "multiplechoiceresponse",
  "truefalseresponse",
  "optionresponse",
  "numericalresponse",
  "stringresponse",
  "customresponse",
  "symbolicresponse",
  "coderesponse",
  "externalresponse",
  "formularesponse",
  "schematicresponse",
  "imageresponse",
  "annotationresponse",
  "choicetextresponse",
]);

/** Every input tag Open edX registers. */
export const INPUT_TAGS = new Set([
  "optioninput",
  "choicegroup",
  "radiogroup",
  "checkboxgroup",
  "textline",
  "filesubmission",
  "textbox",
  "matlabinput",
  "codeinput",
  "schematic",
  "imageinput",
  "crystallography",
  "vsepr_input",
  "chemicalequationinput",
  "formulaequationinput",
  "drag_and_drop_input",
  "editamolecule",
  "designprotein2dinput",
  "editageneinput",
  "annotationinput",
  "choicetextgroup",
  "radiotextgroup",
  "checkboxtextgroup",
  "jsinput",
]);

const ALLOWED_INPUTS: Record<string, string[]> = {
  choiceresponse: ["checkboxgroup", "radiogroup"],
  multiplechoiceresponse: ["choicegroup"],
  truefalseresponse: ["choicegroup"],
  optionresponse: ["optioninput"],
  numericalresponse: ["textline", "formulaequationinput"],
  stringresponse: ["textline"],
  formularesponse: ["textline", "formulaequationinput"],
  imageresponse: ["imageinput"],
  annotationresponse: ["annotationinput"],
};
export const SUPPORTED_RESPONSES = new Set(Object.keys(ALLOWED_INPUTS));
/** CustomResponse.allowed_inputfields (graded by Python, so only once the script has run). */
const CUSTOM_INPUTS = [
  "textline",
  "textbox",
  "crystallography",
  "chemicalequationinput",
  "vsepr_input",
  "drag_and_drop_input",
  "designprotein2dinput",
  "editageneinput",
  "annotationinput",
  "jsinput",
  "formulaequationinput",
];
const REQUIRED_ATTRS: Record<string, string[]> = {
  numericalresponse: ["answer"],
  stringresponse: ["answer"],
  formularesponse: ["answer", "samples"],
};

const UNSUPPORTED_REASONS: Record<string, string> = {
  customresponse: "it is graded by a Python script (customresponse), which cannot run here",
  symbolicresponse: "it needs Open edX's symbolic math checker (symbolicresponse)",
  coderesponse: "it is graded by an external code grader (coderesponse)",
  externalresponse: "it is graded by an external server (externalresponse)",
  schematicresponse:
    "it is a circuit problem (schematicresponse), answered in Open edX's schematic editor, which simulates the learner's circuit for a Python script to grade; that circuit editor and simulator do not exist here",
  choicetextresponse: "choice-with-text problems (choicetextresponse) are not supported here yet",
};

/** Why a customresponse widget cannot be shown (Open edX's inputtypes.py says what each one is). */
const WIDGET_REASONS: Record<string, string> = {
  designprotein2dinput:
    "it uses the Protex protein designer (designprotein2dinput), a Java applet; browsers no longer run Java applets and the designer has no web version, so the problem cannot be answered in a browser",
  editageneinput: "it uses the Genex gene editor (editageneinput), an application Open edX serves from its own static files; it is not available here",
};

export interface CapaInput {
  id: string;
  el: XElement;
  tag: string;
  points: number;
}

export interface CapaResponse {
  tag: string;
  /** Input-id prefix `P_{k+2}`. */
  id: string;
  el: XElement;
  inputs: CapaInput[];
  /** Lower-cased partial_credit words, or null when partial credit is off. */
  creditType: string[] | null;
}

export interface LoadedProblem {
  problemId: string;
  seed: number;
  root: XElement;
  responses: CapaResponse[];
  /** Plain reasons this problem cannot be graded here (empty when supported). */
  unsupported: string[];
  /** The seed was used (shuffled choices, an answer pool): learners with other seeds see another problem. */
  seeded: boolean;
}

/** capa_problem.make_xml_compatible + the startouttext rewrite. */
function preprocessText(xml: string): string {
  return xml.replace(/startouttext\s*\//g, "text").replace(/endouttext\s*\//g, "/text");
}

/** OptionInput.parse_options: a Python-ish tuple of single-quoted strings. */
export function parseOptions(options: string): string[] {
  let s = options.replace(/([a-zA-Z])('|\\')([a-zA-Z])/g, "$1&#39;$3").replace(/\\'/g, "&#39;");
  s = s.slice(1, -1);
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === "," || c === " ") {
      i++;
      continue;
    }
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      const stop = end === -1 ? s.length : end;
      out.push(s.slice(i + 1, stop).replace(/&#39;/g, "'"));
      i = stop + 1;
      continue;
    }
    // Unquoted word (shlex word): up to the next separator; capa strips one char each side.
    let j = i;
    while (j < s.length && s[j] !== "," && s[j] !== " " && s[j] !== "'") j++;
    out.push(s.slice(i, j).slice(1, -1).replace(/&#39;/g, "'"));
    i = j;
  }
  return out;
}

function makeXmlCompatible(root: XElement): void {
  for (const sr of descendants(root, (e) => e.tagName === "stringresponse")) {
    for (const add of childrenByTag(sr, "additional_answer")) {
      const text = leadingText(add);
      if (!attr(add, "answer") && text) {
        add.setAttribute("answer", text);
        for (const c of Array.from(add.childNodes)) {
          if (!isElement(c)) add.removeChild(c);
          else break;
        }
      }
    }
  }
  for (const oi of descendants(root, (e) => e.tagName === "optioninput")) {
    const options = childrenByTag(oi, "option");
    const corrects = options.filter((o) => (attr(o, "correct") ?? "").toUpperCase() === "TRUE");
    if (corrects.length > 1) throw problemError("Dropdown questions can only have one correct answer.");
    if (options.length === 0) continue;
    let correct: string | null = null;
    const names: string[] = [];
    for (const o of options) {
      const name = (leadingText(o) ?? "").trim();
      if ((attr(o, "correct") ?? "").toUpperCase() === "TRUE") correct = name;
      names.push(`'${name}'`);
    }
    oi.setAttribute("options", `(${names.join(",")})`);
    if (correct) oi.setAttribute("correct", correct);
  }
}

/** A dotted JavaScript name (`A.b.getGrade`): what a jsinput function attribute may hold. */
export const JS_DOTTED_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/** Why a `<jsinput>` cannot be shown here, or null. Only course files (/static/…) are loaded: a
 *  page on another site cannot carry the postMessage bridge that grading needs. */
export function jsinputProblem(input: XElement): string | null {
  const file = (attr(input, "html_file") ?? "").trim();
  if (!file) return "its JavaScript input (jsinput) has no html_file";
  if (/^(https?:)?\/\//i.test(file)) {
    return `its JavaScript input (jsinput) loads a page from another site (${file.slice(0, 200)}), which is refused: that page would run another site's code with the learner's answers. Only pages stored with the course (/static/…) are used here`;
  }
  if (!/^\/static\/[^?#]+\.x?html?(?:[?#].*)?$/i.test(file)) return `its JavaScript input (jsinput) page must be an HTML file stored with the course (/static/…), not ${file.slice(0, 200)}`;
  for (const name of ["gradefn", "get_statefn", "set_statefn"]) {
    const v = (attr(input, name) ?? "").trim();
    if (name === "gradefn" && !v) return "its JavaScript input (jsinput) has no gradefn";
    if (v && !JS_DOTTED_NAME.test(v)) return `its JavaScript input (jsinput) ${name} is not a JavaScript name: ${v.slice(0, 100)}`;
  }
  return null;
}

/** Why an `<imageinput>` cannot be shown here, or null: Open edX requires src, width and height
 *  (ImageInput.get_attributes); we also need the size to map clicks back to image pixels. */
export function imageinputProblem(input: XElement): string | null {
  if (!(attr(input, "src") ?? "").trim()) return "its image input (imageinput) has no src";
  for (const name of ["width", "height"]) {
    const n = pyInt(attr(input, name) ?? "");
    if (n === null || n <= 0) return `its image input (imageinput) needs a positive whole-number ${name}`;
  }
  return null;
}

function findUnsupported(root: XElement, scripted: boolean): string[] {
  const reasons: string[] = [];
  const seen = new Set<string>();
  const add = (r: string) => {
    if (!seen.has(r)) {
      seen.add(r);
      reasons.push(r);
    }
  };
  for (const el of descendants(root, (e) => RESPONSE_TAGS.has(e.tagName))) {
    if (el.tagName === "imageresponse") {
      for (const input of descendants(el, (e) => e.tagName === "imageinput")) {
        const problem = imageinputProblem(input);
        if (problem) add(problem);
      }
      continue;
    }
    if (SUPPORTED_RESPONSES.has(el.tagName)) continue;
    if (scripted && el.tagName === "customresponse") {
      // The check function runs here; inputs that are browser widgets have no renderer yet.
      for (const input of descendants(el, (e) => INPUT_TAGS.has(e.tagName))) {
        if (input.tagName === "jsinput") {
          const problem = jsinputProblem(input);
          if (problem) add(problem);
        } else if (!["textline", "textbox", "formulaequationinput"].includes(input.tagName)) {
          add(WIDGET_REASONS[input.tagName] ?? `it uses the ${input.tagName} widget, which Open edX draws with its own browser code; that widget does not exist here`);
        }
      }
      continue;
    }
    if (el.tagName === "customresponse" && descendants(el, (e) => e.tagName === "jsinput").length > 0) {
      add("it uses a JavaScript input (jsinput) graded by a Python script, which cannot run here");
    } else add(UNSUPPORTED_REASONS[el.tagName] ?? `the ${el.tagName} response type is not supported here`);
  }
  const pythonScripts = descendants(root, (e) => e.tagName === "script").filter((s) => {
    const type = attr(s, "type") ?? "";
    return !type.includes("javascript") && !type.includes("perl");
  });
  if (pythonScripts.length > 0 && !scripted) {
    const refs = new Set<string>();
    const scan = (n: XNode) => {
      if (isElement(n)) {
        if (n.tagName === "script") return;
        for (const a of Array.from(n.attributes)) for (const m of a.value.matchAll(/\$([A-Za-z_]\w*)/g)) refs.add(m[1]);
        Array.from(n.childNodes).forEach(scan);
      } else if (n.nodeValue) for (const m of n.nodeValue.matchAll(/\$([A-Za-z_]\w*)/g)) refs.add(m[1]);
    };
    scan(root);
    if (refs.size > 0) {
      add(`it uses values computed by a Python script (${[...refs].map((r) => `$${r}`).join(", ")}), which cannot run here`);
    }
  }
  if (descendants(root, (e) => e.tagName === "hintgroup" && attr(e, "hintfn") !== null).length > 0) {
    add("its hints come from a Python function (hintgroup hintfn), which cannot run here");
  }
  if (descendants(root, (e) => e.tagName === "include").length > 0) {
    add("it includes other files (<include>), which is not supported here");
  }
  return reasons;
}

function partialCreditOf(el: XElement): string[] | null {
  const pc = attr(el, "partial_credit");
  if (pc === null || pc.trim().toLowerCase() === "false") return null;
  return pc.split(",").map((w) => w.trim().toLowerCase());
}

/** Python int(str): optional sign and digits, surrounding whitespace allowed. */
export function pyInt(s: string): number | null {
  return /^\s*[+-]?\d+\s*$/.test(s) ? parseInt(s, 10) : null;
}

/** Python list[:k] (negative k counts from the end). */
function sliceTo<T>(arr: T[], k: number): T[] {
  return k >= 0 ? arr.slice(0, k) : arr.slice(0, Math.max(0, arr.length + k));
}

const isTrue = (el: XElement) => (attr(el, "correct") ?? "").toUpperCase() === "TRUE";

/** MultipleChoiceResponse.mc_setup_response / TrueFalseResponse: choice names. */
function nameChoices(resp: CapaResponse): void {
  let i = 0;
  for (const group of childrenByTag(resp.el, "choicegroup")) {
    if (resp.tag === "multiplechoiceresponse") group.setAttribute("type", "MultipleChoice");
    else group.setAttribute("type", "TrueFalse");
    for (const choice of children(group)) {
      const name = attr(choice, "name");
      if (name !== null) choice.setAttribute("name", `choice_${name}`);
      else choice.setAttribute("name", `choice_${i++}`);
    }
  }
}

/** ChoiceResponse.assign_choice_names: positional names, ids A, B, ... when missing. */
function nameCheckboxes(resp: CapaResponse): void {
  descendants(resp.el, (e) => e.tagName === "choice").forEach((choice, index) => {
    choice.setAttribute("name", `choice_${index}`);
    if (!attr(choice, "id")) choice.setAttribute("id", String.fromCharCode(65 + index));
  });
}

function lateTransforms(resp: CapaResponse, getRng: () => PyRandom): void {
  const shuffled = childrenByTag(resp.el, "choicegroup").filter((g) => attr(g, "shuffle") === "true");
  if (shuffled.length > 0) {
    const group = shuffled[0];
    if (attr(group, "answer-pool") !== null) throw problemError("Do not use shuffle and answer-pool at the same time");
    const choices = children(group);
    choices.forEach((c) => group.removeChild(c));
    const head: XElement[] = [];
    const middle: XElement[] = [];
    const tail: XElement[] = [];
    let atHead = true;
    for (const c of choices) {
      if (atHead && attr(c, "fixed") === "true") {
        head.push(c);
        continue;
      }
      atHead = false;
      (attr(c, "fixed") === "true" ? tail : middle).push(c);
    }
    getRng().shuffle(middle);
    [...head, ...middle, ...tail].forEach((c) => group.appendChild(c));
  }
  const pooled = childrenByTag(resp.el, "choicegroup").filter((g) => attr(g, "answer-pool") !== null);
  if (pooled.length > 0) {
    const group = pooled[0];
    const numStr = attr(group, "answer-pool")!;
    if (numStr === "0") return;
    const num = pyInt(numStr);
    if (num === null) throw problemError("answer-pool value should be an integer");
    const choices = children(group);
    choices.forEach((c) => group.removeChild(c));
    const rng = getRng();
    const correct = choices.filter(isTrue);
    const incorrect = choices.filter((c) => !isTrue(c));
    if (correct.length < 1 || incorrect.length < 1) {
      throw problemError("Choicegroup must include at least 1 correct and 1 incorrect choice");
    }
    const numIncorrect = Math.min(num - 1, incorrect.length);
    const chosen = correct[rng.randint(0, correct.length - 1)];
    const solutionId = attr(chosen, "explanation-id");
    rng.shuffle(incorrect);
    const subset = [chosen, ...sliceTo(incorrect, numIncorrect)];
    rng.shuffle(subset);
    subset.forEach((c) => group.appendChild(c));
    // Keep only the explanation of the correct choice shown (solutionset after the response).
    const parent = resp.el.parentNode;
    if (parent) {
      const siblings = Array.from(parent.childNodes);
      const after = siblings.slice(siblings.indexOf(resp.el) + 1);
      const set = after.find((n): n is XElement => isElement(n) && n.tagName === "solutionset");
      if (set) {
        for (const sol of childrenByTag(set, "solution")) {
          if (attr(sol, "explanation-id") !== solutionId) set.removeChild(sol);
        }
      }
    }
  }
}

/**
 * Load and prepare a problem. Throws CapaError(problem_error) for XML Open edX itself
 * would refuse to load. Unsupported problems load (for rendering) with `unsupported` set.
 */
export function loadProblem(
  xml: string,
  options: { problemId?: string; seed?: number; scripted?: boolean } = {},
): LoadedProblem {
  const problemId = options.problemId ?? "1";
  const seed = options.seed ?? 1;
  let root: XElement;
  try {
    root = parseXml(preprocessText(xml));
  } catch (e) {
    throw problemError((e as Error).message);
  }
  if (root.tagName !== "problem") throw problemError(`Expected a <problem> element, found <${root.tagName}>.`);
  makeXmlCompatible(root);
  const scripted = options.scripted === true;
  const unsupported = findUnsupported(root, scripted);
  let rng: PyRandom | null = null as PyRandom | null;

  const responses: CapaResponse[] = [];
  descendants(root, (e) => RESPONSE_TAGS.has(e.tagName)).forEach((el, k) => {
    const id = `${problemId}_${k + 2}`;
    const inputEls = descendants(el, (e) => INPUT_TAGS.has(e.tagName));
    const inputs = inputEls.map((inputEl, j) => {
      const inputId = `${id}_${j + 1}`;
      inputEl.setAttribute("id", inputId);
      const pointsAttr = attr(inputEl, "points") ?? "1";
      const points = pyInt(pointsAttr);
      if (points === null && (SUPPORTED_RESPONSES.has(el.tagName) || (scripted && el.tagName === "customresponse"))) {
        throw problemError(`Input ${inputId}: points must be a whole number (got "${pointsAttr}").`);
      }
      // AnnotationResponse._get_max_points: every annotation input is worth the "correct" score.
      const worth = el.tagName === "annotationresponse" ? ANNOTATION_MAX_POINTS : (points ?? 1);
      return { id: inputId, el: inputEl, tag: inputEl.tagName, points: worth };
    });
    responses.push({ tag: el.tagName, id, el, inputs, creditType: partialCreditOf(el) });
  });

  if (unsupported.length === 0) {
    for (const resp of responses) {
      const allowed = resp.tag === "customresponse" ? CUSTOM_INPUTS : ALLOWED_INPUTS[resp.tag];
      for (const input of resp.inputs) {
        if (!allowed.includes(input.tag)) {
          throw problemError(`LoncapaProblem Response ${resp.tag}: cannot have input field ${input.tag}`);
        }
      }
      // ImageResponse has no max_inputfields: each imageinput is graded on its own.
      if (resp.tag !== "optionresponse" && resp.tag !== "customresponse" && resp.tag !== "imageresponse" && resp.inputs.length > 1) {
        throw problemError(`LoncapaProblem Response ${resp.tag}: cannot have more than 1 input fields`);
      }
      if (resp.inputs.length === 0) throw problemError(`LoncapaProblem Response ${resp.tag}: has no input field`);
      for (const required of REQUIRED_ATTRS[resp.tag] ?? []) {
        if (!attr(resp.el, required)) {
          throw problemError(
            `Error in problem specification: LoncapaProblem Response ${resp.tag} missing required attribute ${required}`,
          );
        }
      }
      if (resp.tag === "multiplechoiceresponse" || resp.tag === "truefalseresponse") nameChoices(resp);
      if (resp.tag === "choiceresponse") nameCheckboxes(resp);
      if (resp.tag === "annotationresponse") checkAnnotationInput(resp.inputs[0].el);
    }
    const getRng = () => (rng ??= new PyRandom(seed));
    for (const resp of responses) {
      if (resp.tag === "multiplechoiceresponse" || resp.tag === "truefalseresponse") lateTransforms(resp, getRng);
    }
  }
  return { problemId, seed, root, responses, unsupported, seeded: rng !== null };
}

export function isCapaError(e: unknown): e is CapaError {
  return e instanceof CapaError;
}

export { textContent };

/** Python scripts or customresponse: graded through lib/capa/scripted.ts with a sandbox. */
export const needsPythonStatic = (xml: string) =>
  /<script[^>]*type\s*=\s*["'][^"']*python/i.test(xml) || /<customresponse[\s>/]/.test(xml);

/**
 * What a problem's rendering varies with:
 * - "none": it looks the same to every learner;
 * - "seed": only the learner's seed (shuffled choices, an answer pool, a script that draws from
 *   the context's seeded `random` or reads `seed`): learners with the same seed see the same problem;
 * - "learner": anything else a script can read that differs per learner or per run
 *   (`anonymous_student_id`, the clock, modules outside PURE_MODULES, a `src` script).
 * A problem that fails to load shows every learner the same notice. The LMS renders "none"
 * problems once per course version; the others per learner, with the learner's seed; grading
 * always runs per learner.
 */
export type RenderVariance = "none" | "seed" | "learner";

export function renderVariance(problemXml: string): RenderVariance {
  if (needsPythonStatic(problemXml)) return scriptRenderVariance(problemXml);
  try {
    return loadProblem(problemXml, { seed: 1 }).seeded ? "seed" : "none";
  } catch (e) {
    if (e instanceof CapaError) return "none";
    throw e;
  }
}

/** Does this problem look the same to every learner (renderVariance "none")? */
export function rendersAlikeForEveryLearner(problemXml: string): boolean {
  return renderVariance(problemXml) === "none";
}

/** Names through which a problem's Python reads the learner's seed: the context's seeded `random` and `seed` (Open edX's capa context). */
const SEED_DEPENDENT = /\b(?:random|seed)\b/;
/**
 * Names through which a problem's Python reads the learner or the moment: `anonymous_student_id`
 * (Open edX's capa context), and modules or builtins whose answers change per run. Matched as
 * whole words anywhere in the scripts (a false alarm only costs an uncached per-learner render).
 */
const LEARNER_DEPENDENT = /\b(?:anonymous_student_id|numpy|scipy|time|datetime|uuid|secrets|os|sys|__import__|exec|eval|open)\b/;
/** Standard modules whose results depend only on their arguments; any other import (the course's python_lib included) may not. */
const PURE_MODULES = new Set(["json", "math", "cmath", "re", "string", "fractions", "decimal", "itertools", "functools", "collections", "operator"]);

/**
 * A Python problem renders alike ("none") when every script is deterministic: it names nothing of
 * SEED_DEPENDENT or LEARNER_DEPENDENT, imports only PURE_MODULES and is inline (no `src`), and the
 * problem text reads no per-learner value (`$seed`, `$anonymous_student_id`) and shuffles nothing.
 * The same script with any seed then defines the same `$name` values, so the rendered problem is
 * the same. It varies with the seed alone ("seed") when the only thing it reads is the seed.
 * Scripts in `<answer>` blocks and customresponse checks run only when grading.
 */
function scriptRenderVariance(problemXml: string): RenderVariance {
  if (/\$\{?anonymous_student_id\b/.test(problemXml)) return "learner";
  let variance: RenderVariance = /\$\{?seed\b/.test(problemXml) || /\bshuffle\s*=|\banswer-pool\s*=/i.test(problemXml) ? "seed" : "none";
  for (const m of problemXml.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const [, attrs, code] = m;
    if (!/\btype\s*=\s*["'][^"']*python/i.test(attrs)) continue;
    if (/\bsrc\s*=/i.test(attrs) || LEARNER_DEPENDENT.test(code)) return "learner";
    for (const imp of code.matchAll(/^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import\b|import[ \t]+([^\n#;]+))/gm)) {
      const modules = imp[1] ? [imp[1]] : imp[2].split(",").map((x) => x.trim().split(/\s+/)[0]);
      if (modules.some((mod) => !PURE_MODULES.has(mod.split(".")[0]))) return "learner";
    }
    if (SEED_DEPENDENT.test(code)) variance = "seed";
  }
  return variance;
}
