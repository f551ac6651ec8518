// Per-response grading, following capa responsetypes.py rule by rule (see
// /work/shared/docs/capa.md). Each grader returns Open edX's correct-map entries; the
// hint helpers return the "extended hint" HTML Open edX shows after a submission.
import { gradeAnnotation } from "./annotation";
import { type CalcValue, CalcError, evaluate } from "./calc";
import { pyHtmlEscape, problemError, responseError, studentInputError } from "./errors";
import { type CapaResponse, parseOptions } from "./problem";
import { compareWithTolerance, DEFAULT_TOLERANCE, parsePythonComplex } from "./tolerance";
import { PyRandom } from "./random";
import { type CompiledPattern, compilePyRegex, RegexTimeoutError } from "./regex";
import { attr, children, childrenByTag, descendants, leadingText, serializeChildren, type XElement } from "./xml";
import type { Correctness, CustomCheckResult } from "./types";

export type Answers = Record<string, string | string[]>;

export interface CmapEntry {
  correctness: Correctness;
  npoints: number | null;
}
export type Cmap = Record<string, CmapEntry>;

const entry = (correctness: Correctness, npoints: number | null = null): CmapEntry => ({ correctness, npoints });

/** openedx grade_utils.round_away_from_zero. */
export function roundAwayFromZero(x: number, digits = 0): number {
  const f = Math.pow(10, digits);
  const scaled = x * f;
  const r = scaled >= 0 ? Math.floor(scaled + 0.5) : -Math.floor(-scaled + 0.5);
  return r / f;
}

const maxScore = (resp: CapaResponse) => resp.inputs.reduce((s, i) => s + i.points, 0);
const has = (answers: Answers, id: string) => Object.prototype.hasOwnProperty.call(answers, id);

/** Hint HTML: inner HTML of a hint element (capa get_inner_html_from_xpath, stripped). */
export function innerHtml(el: XElement): string {
  return serializeChildren(el, htmlTransform).trim();
}

/** Problem XML → HTML element mapping shared by hints, solutions and the render model. */
export function htmlTransform(
  el: XElement,
): { drop: true } | { tag: string; keepAttrs: boolean; attrs?: Record<string, string> } | null {
  switch (el.tagName) {
    case "additional_answer":
    case "codeparam":
    case "responseparam":
    case "answer":
    case "script":
    case "hintgroup":
    case "openendedparam":
    case "openendedrubric":
    case "choicehint":
    case "optionhint":
    case "compoundhint":
    case "correcthint":
    case "stringequalhint":
    case "regexphint":
    case "numericalhint":
    case "formulahint":
    case "demandhint":
    case "solution":
    case "solutionset":
    case "targetedfeedbackset":
      return { drop: true };
    case "problem":
      return { tag: "div", keepAttrs: false };
    case "text":
    case "math":
      return { tag: "span", keepAttrs: false };
    case "clarification":
      // Open edX shows this as an (i) tooltip; the renderer styles the class.
      return { tag: "span", keepAttrs: false, attrs: { class: "capa-clarification" } };
    case "center":
      return { tag: "div", keepAttrs: false };
    default:
      return null;
  }
}

// ---------------------------------------------------------------- choices

function choiceGroupChoices(resp: CapaResponse): XElement[] {
  return descendants(resp.el, (e) => e.tagName === "choice");
}

export function mcCorrectChoices(resp: CapaResponse): string[] {
  return choiceGroupChoices(resp)
    .filter((c) => (attr(c, "correct") ?? "").toUpperCase() === "TRUE")
    .map((c) => attr(c, "name") ?? "");
}

function gradeMultipleChoice(resp: CapaResponse, answers: Answers): Cmap {
  const id = resp.inputs[0].id;
  const correct = mcCorrectChoices(resp);
  const given = answers[id];
  const isIn = (list: string[]) => has(answers, id) && typeof given === "string" && list.includes(given);
  if (!resp.creditType) return { [id]: entry(isIn(correct) ? "correct" : "incorrect") };
  if (resp.creditType.length > 1) throw problemError("Only one type of partial credit is allowed for Multiple Choice problems.");
  const scheme = resp.creditType[0];
  if (scheme !== "points" && scheme !== "false") throw problemError("partial_credit attribute should be one of: points,false");
  if (isIn(correct)) return { [id]: entry("correct") };
  if (scheme === "false") return { [id]: entry("incorrect") };
  const partial = choiceGroupChoices(resp).filter((c) => (attr(c, "correct") ?? "").toLowerCase() === "partial");
  const hit = partial.find((c) => attr(c, "name") === given);
  if (hit) {
    const pv = attr(hit, "point_value") ?? "0.5";
    const value = Number(pv.trim());
    if (pv.trim() === "" || Number.isNaN(value)) throw problemError(`could not convert string to float: '${pv}'`);
    return { [id]: entry("partially-correct", value) };
  }
  return { [id]: entry("incorrect") };
}

function gradeTrueFalse(resp: CapaResponse, answers: Answers): Cmap {
  const id = resp.inputs[0].id;
  const correct = new Set(mcCorrectChoices(resp));
  const raw = answers[id] ?? [];
  const given = new Set(Array.isArray(raw) ? raw : [raw]);
  const same = correct.size === given.size && [...correct].every((c) => given.has(c));
  return { [id]: entry(same ? "correct" : "incorrect") };
}

function checkboxSets(resp: CapaResponse) {
  const correct = new Set<string>();
  const incorrect = new Set<string>();
  for (const c of descendants(resp.el, (e) => e.tagName === "choice")) {
    const v = (attr(c, "correct") ?? "").toUpperCase();
    if (v === "TRUE") correct.add(attr(c, "name")!);
    else if (v === "FALSE") incorrect.add(attr(c, "name")!);
  }
  return { correct, incorrect };
}

function gradeCheckbox(resp: CapaResponse, answers: Answers): Cmap {
  const id = resp.inputs[0].id;
  const { correct, incorrect } = checkboxSets(resp);
  const all = new Set([...correct, ...incorrect]);
  const raw = answers[id] ?? [];
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) return { [id]: entry("incorrect") };
  const selected = new Set(list);
  const nonAnswers = [...all].filter((c) => !selected.has(c));
  const exact = () => {
    const required = [...correct].every((c) => selected.has(c));
    const noExtra = [...selected].every((c) => correct.has(c));
    return entry(required && noExtra ? "correct" : "incorrect");
  };
  if (!resp.creditType) return { [id]: exact() };
  if (resp.creditType.length > 1) throw problemError("Only one type of partial credit is allowed for Checkbox problems.");
  const scheme = resp.creditType[0];
  const max = maxScore(resp);
  if (scheme === "false") return { [id]: exact() };
  if (scheme === "edc") {
    const good = [...selected].filter((c) => correct.has(c)).length + nonAnswers.filter((c) => incorrect.has(c)).length;
    const n = all.size;
    if (good === n) return { [id]: entry("correct") };
    if (good > 0) return { [id]: entry("partially-correct", roundAwayFromZero((max * good) / n, 2)) };
    return { [id]: entry("incorrect", 0) };
  }
  if (scheme === "halves") {
    const errors = [...selected].filter((c) => incorrect.has(c)).length + nonAnswers.filter((c) => correct.has(c)).length;
    const n = all.size;
    if (errors === 0) return { [id]: entry("correct", max) };
    if (errors === 1 && n > 2) return { [id]: entry("partially-correct", roundAwayFromZero(max / 2, 2)) };
    if (errors === 2 && n > 4) return { [id]: entry("partially-correct", roundAwayFromZero(max / 4, 2)) };
    return { [id]: entry("incorrect") };
  }
  throw problemError("partial_credit attribute should be one of: edc,halves,false");
}

// ---------------------------------------------------------------- dropdown

export function optionCorrect(input: XElement): string | null {
  return attr(input, "correct");
}

export function optionList(input: XElement): string[] {
  const options = attr(input, "options");
  return options ? parseOptions(options) : [];
}

function gradeOption(resp: CapaResponse, answers: Answers): Cmap {
  const cmap: Cmap = {};
  for (const input of resp.inputs) {
    const ok = has(answers, input.id) && answers[input.id] === optionCorrect(input.el);
    cmap[input.id] = entry(ok ? "correct" : "incorrect");
  }
  return cmap;
}

// ---------------------------------------------------------------- numerical

function toleranceOf(resp: CapaResponse): string {
  const param = descendants(resp.el, (e) => e.tagName === "responseparam" && attr(e, "type") === "tolerance").find(
    (e) => attr(e, "default") !== null,
  );
  return param ? attr(param, "default")!.trim() : DEFAULT_TOLERANCE;
}

const STAFF_ERROR = "There was a problem with the staff answer to this problem.";

/** NumericalResponse.get_staff_ans: Python complex() first, then the calculator. */
function staffAnswer(text: string): CalcValue {
  const c = parsePythonComplex(text);
  if (c) return c;
  try {
    return evaluate(text);
  } catch {
    throw studentInputError(STAFF_ERROR);
  }
}

function studentNumber(given: string): CalcValue {
  try {
    return evaluate(given);
  } catch (e) {
    if (e instanceof CalcError) {
      if (e.kind === "undefined" || e.kind === "parens") throw studentInputError(e.message);
      if (e.kind === "factorial") {
        throw studentInputError(`Factorial function evaluated outside its domain:'${pyHtmlEscape(given)}'`);
      }
      if (e.kind === "syntax") throw studentInputError(`Invalid math syntax: '${pyHtmlEscape(given)}'`);
    }
    throw studentInputError(`Could not interpret '${pyHtmlEscape(given)}' as a number.`);
  }
}

function compare(student: CalcValue, instructor: CalcValue, tolerance: string | number, relative = false): boolean {
  try {
    return compareWithTolerance(student, instructor, tolerance, relative);
  } catch {
    throw problemError(`The tolerance "${String(tolerance)}" of this problem is not a number.`);
  }
}

/** Python float(str) for the partial-credit multipliers. */
function pyFloat(s: string): number {
  const t = s.trim();
  const v = Number(t);
  if (t === "" || Number.isNaN(v)) throw problemError(`could not convert string to float: '${s}'`);
  return v;
}

export interface NumericalOutcome {
  cmap: Cmap;
  /** index of the additional_answer that matched (-1: none) — drives the correct hint. */
  additionalIndex: number;
}

export function numericalAnswerText(resp: CapaResponse): { main: string; additional: string[]; isRange: boolean } {
  const answer = attr(resp.el, "answer")!;
  const additional = childrenByTag(resp.el, "additional_answer").map((a) => attr(a, "answer") ?? "");
  const isRange = /^[[(]/.test(answer) && /[\])]$/.test(answer);
  if (isRange) {
    const parts = answer.slice(1, -1).split(",");
    return { main: `${answer[0]}${parts[0]}, ${parts[1] ?? ""}${answer[answer.length - 1]}`, additional, isRange };
  }
  return { main: answer, additional, isRange };
}

function gradeNumerical(resp: CapaResponse, answers: Answers): NumericalOutcome {
  const id = resp.inputs[0].id;
  const answer = attr(resp.el, "answer")!;
  const isRange = /^[[(]/.test(answer) && /[\])]$/.test(answer);
  let rangeParts: string[] = [];
  if (isRange) {
    rangeParts = answer.slice(1, -1).split(",");
    // capa builds the range at load time and fails on a one-ended range.
    if (rangeParts.length < 2) throw studentInputError(STAFF_ERROR);
  }
  if (!has(answers, id)) return { cmap: { [id]: entry("incorrect") }, additionalIndex: -1 };
  if (resp.creditType) {
    for (const style of resp.creditType) {
      if (style !== "list" && style !== "close") throw problemError("partial_credit attribute should be one of: list,close");
    }
  }
  const rawGiven = answers[id];
  if (typeof rawGiven !== "string") throw studentInputError("This answer must be a single value.");
  const student = studentNumber(rawGiven);

  const rangeParam = childrenByTag(resp.el, "responseparam").find((e) => attr(e, "partial_range") !== null);
  const partialRange = rangeParam ? pyFloat(attr(rangeParam, "partial_range") ?? "2") : 2;
  const answersParam = childrenByTag(resp.el, "responseparam").find((e) => attr(e, "partial_answers") !== null);
  const partialAnswers = answersParam
    ? attr(answersParam, "partial_answers")!
        .split(",")
        .map((w) => staffAnswer(w.trim()))
    : null;

  let partialScore = 0.5;
  let correctness: Correctness = "incorrect";

  if (isRange) {
    if (student.complex) throw studentInputError("You may not use complex numbers in range tolerance problems");
    const inclusion = [answer.startsWith("["), answer.endsWith("]")];
    const boundaries: number[] = [];
    let matchedEnd = false;
    for (let k = 0; k < 2; k++) {
      const boundary = staffAnswer(rangeParts[k]);
      if (boundary.im !== 0) {
        throw studentInputError("There was a problem with the staff answer to this problem: complex boundary.");
      }
      if (Number.isNaN(boundary.re)) {
        throw studentInputError("There was a problem with the staff answer to this problem: empty boundary.");
      }
      boundaries.push(boundary.re);
      if (compare(student, boundary, Number.EPSILON, true)) {
        correctness = inclusion[k] ? "correct" : "incorrect";
        matchedEnd = true;
        break;
      }
    }
    if (!matchedEnd) {
      const x = student.re;
      if (boundaries[0] < x && x < boundaries[1]) correctness = "correct";
      else if (resp.creditType && resp.creditType.includes("close")) {
        const width = boundaries[1] - boundaries[0];
        const lo = boundaries[0] - partialRange * width;
        const hi = boundaries[1] + partialRange * width;
        if (lo < x && x < hi) correctness = "partially-correct";
      }
    }
  } else {
    const correctValue = staffAnswer(answer);
    const tolerance = toleranceOf(resp);
    const expanded = (): string | number =>
      tolerance.endsWith("%")
        ? `${pyFloatRepr(partialRange * pyFloat(tolerance.slice(0, -1)))}%`
        : partialRange * pyFloat(tolerance);
    if (compare(student, correctValue, tolerance)) correctness = "correct";
    else if (!resp.creditType) {
      // no partial credit
    } else if (resp.creditType.includes("list")) {
      for (const value of partialAnswers ?? []) {
        if (compare(student, value, tolerance)) {
          correctness = "partially-correct";
          break;
        } else if (resp.creditType.includes("close")) {
          if (compare(student, correctValue, expanded())) {
            correctness = "partially-correct";
            break;
          } else if (compare(student, value, expanded())) {
            correctness = "partially-correct";
            partialScore = partialScore * partialScore;
            break;
          }
        }
      }
    } else if (resp.creditType.includes("close")) {
      if (compare(student, correctValue, expanded())) correctness = "partially-correct";
    }
  }

  let additionalIndex = -1;
  if (correctness === "incorrect") {
    const additional = childrenByTag(resp.el, "additional_answer").map((a) => attr(a, "answer") ?? "");
    for (let k = 0; k < additional.length; k++) {
      const staff = staffAnswer(additional[k]);
      if (student.re === staff.re && student.im === staff.im) {
        correctness = "correct";
        additionalIndex = k;
        break;
      }
    }
  }
  return {
    cmap: { [id]: correctness === "partially-correct" ? entry(correctness, partialScore) : entry(correctness) },
    additionalIndex,
  };
}

/** Python repr of a float as used in str(x) + '%' (e.g. 2.0 → "2.0"). */
function pyFloatRepr(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

// ---------------------------------------------------------------- string

interface StringSetup {
  backward: boolean;
  regexp: boolean;
  ci: boolean;
  correct: string[];
}

function stringSetup(resp: CapaResponse): StringSetup {
  const answer = attr(resp.el, "answer")!;
  const type = attr(resp.el, "type");
  const words = type === null ? [] : type.toLowerCase().split(" ");
  const backward = answer.toLowerCase().includes("_or_");
  const correct = backward
    ? answer.split("_or_").map((a) => a.trim())
    : [answer, ...childrenByTag(resp.el, "additional_answer").map((a) => attr(a, "answer") ?? "")].map((a) => a.trim());
  return { backward, regexp: words.includes("regexp"), ci: words.includes("ci"), correct };
}

export function stringCorrectAnswers(resp: CapaResponse): string[] {
  return stringSetup(resp).correct;
}

const PATTERN_TOO_SLOW = "This answer could not be checked: the problem's answer pattern is too complex. Please tell the course team.";

function checkString(setup: StringSetup, expected: string[], given: string): boolean {
  if (!given) return false;
  if (setup.backward) {
    return setup.ci ? expected.map((e) => e.toLowerCase()).includes(given.toLowerCase()) : expected.includes(given);
  }
  if (setup.regexp) {
    try {
      let re: CompiledPattern;
      try {
        re = compilePyRegex(`^${expected.join("|")}$`, setup.ci);
      } catch (e) {
        if (e instanceof RegexTimeoutError) throw e;
        throw responseError(`[courseware.capa.responsetypes.stringresponse] error: ${(e as Error).message}`);
      }
      return re.test(given);
    } catch (e) {
      // A pattern that cannot be checked in time refuses the submission (no attempt used).
      if (e instanceof RegexTimeoutError) throw responseError(PATTERN_TOO_SLOW);
      throw e;
    }
  }
  return setup.ci ? expected.map((e) => e.toLowerCase()).includes(given.toLowerCase()) : expected.includes(given);
}

function gradeString(resp: CapaResponse, answers: Answers): Cmap {
  const id = resp.inputs[0].id;
  const setup = stringSetup(resp);
  if (!has(answers, id)) return { [id]: entry("incorrect") };
  const raw = answers[id];
  if (typeof raw !== "string") throw studentInputError("This answer must be a single value.");
  return { [id]: entry(checkString(setup, setup.correct, raw.trim()) ? "correct" : "incorrect") };
}

// ---------------------------------------------------------------- formula

function formulaSamples(samples: string, rng: PyRandom): Record<string, number>[] {
  const bad = () => problemError(`The samples attribute "${samples}" is not valid.`);
  const [varsPart, rest] = samples.split("@");
  if (rest === undefined) throw bad();
  const variables = varsPart.split(",");
  const [rangesPart, countPart] = rest.split("#");
  const count = countPart === undefined ? null : Number.parseInt(countPart.trim(), 10);
  if (count === null || Number.isNaN(count) || !/^\s*[+-]?\d+\s*$/.test(countPart)) throw bad();
  const bounds = rangesPart.split(":").map((part) =>
    part.split(",").map((x) => {
      const v = Number(x.trim());
      if (x.trim() === "" || Number.isNaN(v)) throw bad();
      return v;
    }),
  );
  // zip(*bounds): one [lo, hi] per variable (shortest wins, like Python's zip).
  const n = Math.min(...bounds.map((b) => b.length));
  const ranges: [string, number[]][] = [];
  for (let k = 0; k < Math.min(n, variables.length); k++) ranges.push([variables[k], bounds.map((b) => b[k])]);
  const out: Record<string, number>[] = [];
  for (let s = 0; s < count; s++) {
    const dict: Record<string, number> = {};
    for (const [name, range] of ranges) {
      if (range.length !== 2) throw bad();
      dict[name] = rng.uniform(range[0], range[1]);
    }
    out.push(dict);
  }
  return out;
}

function formulaValues(expr: string, samples: Record<string, number>[], caseSensitive: boolean): CalcValue[] {
  return samples.map((variables) => {
    try {
      return evaluate(expr, { variables, caseSensitive });
    } catch (e) {
      if (e instanceof CalcError) {
        if (e.kind === "undefined" || e.kind === "parens") throw studentInputError(e.message);
        if (e.kind === "factorial") {
          throw studentInputError(
            `Factorial function not permitted in answer for this problem. Provided answer was: ${pyHtmlEscape(expr)}`,
          );
        }
      }
      throw studentInputError(`Invalid input: Could not parse '${pyHtmlEscape(expr)}' as a formula`);
    }
  });
}

function gradeFormula(resp: CapaResponse, answers: Answers, seed: number, index: number): Cmap {
  const id = resp.inputs[0].id;
  const raw = has(answers, id) ? answers[id] : "";
  if (typeof raw !== "string") throw studentInputError("This answer must be a single value.");
  const types = (attr(resp.el, "type") ?? "").split(",");
  const caseSensitive = types.includes("ci") ? false : types.includes("cs");
  // Open edX samples from the process-wide random stream; here the learner's seed (and the
  // response position) make the samples reproducible.
  const rng = new PyRandom(seed * 1000 + index);
  const samples = formulaSamples(attr(resp.el, "samples")!, rng);
  const student = formulaValues(raw, samples, caseSensitive);
  const instructor = formulaValues(attr(resp.el, "answer")!, samples, caseSensitive);
  const tolerance = toleranceOf(resp);
  const ok = student.every((s, k) => compare(s, instructor[k], tolerance));
  return { [id]: entry(ok ? "correct" : "incorrect") };
}

// ---------------------------------------------------------------- dispatch + hints

export interface ResponseOutcome {
  cmap: Cmap;
  hints: Record<string, string>;
  /** customresponse messages per input id (and the overall message under the response id). */
  messages?: Record<string, string>;
}

/** Input ids in capa's order for a customresponse: sorted by their last number. */
export function customIdset(resp: CapaResponse): string[] {
  return resp.inputs.map((i) => i.id).sort((a, b) => Number(a.split("_").pop()) - Number(b.split("_").pop()));
}

/** CustomResponse.get_score, given the check function's outcome computed in the sandbox. */
function gradeCustom(resp: CapaResponse, answers: Answers, result: CustomCheckResult | undefined): ResponseOutcome {
  const idset = customIdset(resp);
  const submission = idset.map((id) => answers[id] ?? "");
  if (idset.length === 1 && (submission[0] === "" || (Array.isArray(submission[0]) && submission[0].length === 0))) {
    return { cmap: { [idset[0]]: { correctness: "incorrect", npoints: null } }, hints: {} };
  }
  if (!result) throw problemError("This problem's check function did not run.");
  if (!result.ok) throw responseError(`The problem's check function failed: ${result.message ?? "unknown error"}`);
  const cmap: Cmap = {};
  const messages: Record<string, string> = {};
  const points = new Map(resp.inputs.map((i) => [i.id, i.points]));
  idset.forEach((id, k) => {
    const maxPoints = points.get(id) ?? 1;
    const raw = result.correct?.[k];
    const correctness: Correctness = raw === "correct" || raw === "partially-correct" ? raw : "incorrect";
    const dec = result.grade_decimals?.[k];
    const npoints =
      result.grade_decimals && result.grade_decimals.length > 0
        ? maxPoints * (typeof dec === "number" && Number.isFinite(dec) ? dec : 0)
        : correctness === "correct"
          ? maxPoints
          : correctness === "partially-correct"
            ? maxPoints * 0.5
            : 0;
    cmap[id] = { correctness, npoints };
    const msg = result.messages?.[k];
    if (msg) messages[id] = msg;
  });
  if (result.overall_message) messages[resp.id] = result.overall_message;
  return { cmap, hints: {}, messages };
}

// ---------------------------------------------------------------- image

/** A point on the image, in image pixels: Open edX's "[x,y]" answer (ImageResponse.get_score:
 *  re.match on the answer stripped and without spaces, so anything after "]" is ignored). */
export function parseImagePoint(given: string): [number, number] | null {
  const m = /^\[([0-9]+),([0-9]+)\]/.exec(given.trim().replace(/ /g, ""));
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** One solution rectangle "(x1,y1)-(x2,y2)" (or with brackets) → [x1, y1, x2, y2], or null. */
export function parseImageRectangle(text: string): [number, number, number, number] | null {
  const m = /^[([]([0-9]+),([0-9]+)[)\]]-[([]([0-9]+),([0-9]+)[)\]]/.exec(text.trim().replace(/ /g, ""));
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : null;
}

type Pt = [number, number];

/** The `regions` attribute: JSON, one polygon `[[x,y],…]` or a list of them. Throws problemError
 *  where Open edX's json.loads / shapely would fail. Empty list → no regions. */
export function parseImageRegions(text: string): Pt[][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw problemError(`Error in problem specification! Cannot parse regions: ${text.slice(0, 200)}`);
  }
  const bad = () => problemError(`Error in problem specification! regions must be a list of points or a list of lists of points: ${text.slice(0, 200)}`);
  if (!Array.isArray(parsed)) throw bad();
  if (parsed.length === 0) return [];
  if (!Array.isArray(parsed[0])) throw bad();
  const list = Array.isArray(parsed[0][0]) ? parsed : [parsed];
  return list.map((region: unknown) => {
    if (!Array.isArray(region)) throw bad();
    return region.map((p: unknown) => {
      if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((c) => typeof c === "number" && Number.isFinite(c))) throw bad();
      return [p[0], p[1]] as Pt;
    });
  });
}

const cross = (o: Pt, a: Pt, b: Pt) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Convex hull (counter-clockwise, no collinear points): shapely MultiPoint(region).convex_hull. */
function convexHull(points: Pt[]): Pt[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const lower: Pt[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Pt[] = [];
  for (const p of pts.reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/** shapely: the hull is a Polygon (3+ non-collinear points) that contains the point — strictly
 *  inside, a point on the boundary is not contained. */
export function regionContains(region: Pt[], point: Pt): boolean {
  const hull = convexHull(region);
  if (hull.length < 3) return false;
  for (let i = 0; i < hull.length; i++) {
    if (cross(hull[i], hull[(i + 1) % hull.length], point) <= 0) return false;
  }
  return true;
}

/** ImageResponse.get_score: each imageinput on its own; correct when the click is inside any
 *  rectangle (edges included, corners as written) or strictly inside any region's convex hull. */
function gradeImage(resp: CapaResponse, answers: Answers): Cmap {
  const cmap: Cmap = {};
  for (const input of resp.inputs) {
    const id = input.id;
    cmap[id] = entry("incorrect");
    const given = answers[id];
    if (!has(answers, id) || given === "" || (Array.isArray(given) && given.length === 0)) continue;
    if (typeof given !== "string") throw studentInputError("This answer must be a single point on the image.");
    const point = parseImagePoint(given);
    if (!point) {
      throw studentInputError(
        `Choose a point on the image, or enter X and Y as whole numbers of image pixels (error grading ${id} (input=${given.slice(0, 100)})).`,
      );
    }
    const [x, y] = point;
    const rectangles = attr(input.el, "rectangle");
    if (rectangles) {
      for (const text of rectangles.split(";")) {
        const r = parseImageRectangle(text);
        if (!r) throw problemError(`Error in problem specification! Cannot parse rectangle in ${text.trim().slice(0, 200)}`);
        const [llx, lly, urx, ury] = r;
        if (llx <= x && x <= urx && lly <= y && y <= ury) {
          cmap[id] = entry("correct");
          break;
        }
      }
    }
    const regions = attr(input.el, "regions");
    if (cmap[id].correctness !== "correct" && regions) {
      if (parseImageRegions(regions).some((region) => regionContains(region, point))) cmap[id] = entry("correct");
    }
  }
  return cmap;
}

export function gradeResponse(
  resp: CapaResponse,
  answers: Answers,
  seed: number,
  index: number,
  customResults?: Record<string, CustomCheckResult>,
): ResponseOutcome {
  switch (resp.tag) {
    case "customresponse":
      return gradeCustom(resp, answers, customResults?.[resp.id]);
    case "multiplechoiceresponse": {
      const cmap = gradeMultipleChoice(resp, answers);
      return { cmap, hints: mcHints(resp, answers) };
    }
    case "truefalseresponse": {
      const cmap = gradeTrueFalse(resp, answers);
      return { cmap, hints: mcHints(resp, answers) };
    }
    case "choiceresponse": {
      const cmap = gradeCheckbox(resp, answers);
      return { cmap, hints: checkboxHints(resp, answers) };
    }
    case "optionresponse":
      return { cmap: gradeOption(resp, answers), hints: optionHints(resp, answers) };
    case "numericalresponse": {
      const out = gradeNumerical(resp, answers);
      return { cmap: out.cmap, hints: numericalHints(resp, answers, out) };
    }
    case "stringresponse":
      return { cmap: gradeString(resp, answers), hints: stringHints(resp, answers) };
    case "formularesponse":
      return { cmap: gradeFormula(resp, answers, seed, index), hints: {} };
    case "imageresponse":
      return { cmap: gradeImage(resp, answers), hints: {} };
    case "annotationresponse":
      return { cmap: gradeAnnotation(resp, answers), hints: {} };
    default:
      throw problemError(`The ${resp.tag} response type cannot be graded here.`);
  }
}

function hintText(node: XElement | undefined): string {
  if (!node) return "";
  return innerHtml(node);
}

function mcHints(resp: CapaResponse, answers: Answers): Record<string, string> {
  const id = resp.inputs[0].id;
  if (!has(answers, id)) return {};
  let given = answers[id];
  if (Array.isArray(given)) given = given[0];
  const group = resp.inputs[0].el;
  const choice = children(group).find((c) => c.tagName === "choice" && attr(c, "name") === given);
  if (!choice) return {};
  const text = hintText(childrenByTag(choice, "choicehint")[0]);
  return text ? { [id]: text } : {};
}

function checkboxHints(resp: CapaResponse, answers: Answers): Record<string, string> {
  const id = resp.inputs[0].id;
  const group = resp.inputs[0].el;
  const raw = answers[id] ?? [];
  const selected = Array.isArray(raw) ? raw : [raw];
  const choices = childrenByTag(group, "choice");
  if (has(answers, id)) {
    const studentSet = new Set<string>();
    for (const name of selected) {
      const choice = choices.find((c) => attr(c, "name") === name);
      if (choice) studentSet.add((attr(choice, "id") ?? "").toUpperCase());
    }
    for (const compound of childrenByTag(group, "compoundhint")) {
      const selectors = new Set((attr(compound, "value") ?? "").toUpperCase().split(/\s+/).filter(Boolean));
      if (selectors.size === studentSet.size && [...selectors].every((s) => studentSet.has(s))) {
        const text = (leadingText(compound) ?? "").trim();
        return text ? { [id]: text } : {};
      }
    }
  }
  const texts: string[] = [];
  for (const choice of choices) {
    const isSelected = selected.includes(attr(choice, "name") ?? "");
    for (const hint of childrenByTag(choice, "choicehint")) {
      if ((attr(hint, "selected") ?? "").toLowerCase() === (isSelected ? "true" : "false")) {
        const text = innerHtml(hint);
        if (text) texts.push(text);
      }
    }
  }
  if (texts.length === 0) return {};
  return { [id]: texts.length === 1 ? texts[0] : texts.map((t) => `<div class="hint-text">${t}</div>`).join("") };
}

function optionHints(resp: CapaResponse, answers: Answers): Record<string, string> {
  // capa only looks at the first dropdown of a response for option hints.
  const input = resp.inputs[0];
  if (!has(answers, input.id)) return {};
  const given = answers[input.id];
  const option = childrenByTag(input.el, "option").find((o) => (leadingText(o) ?? "").trim() === given);
  if (!option) return {};
  const text = hintText(childrenByTag(option, "optionhint")[0]);
  return text ? { [input.id]: text } : {};
}

function numericalHints(resp: CapaResponse, answers: Answers, out: NumericalOutcome): Record<string, string> {
  const id = resp.inputs[0].id;
  if (!has(answers, id) || out.cmap[id].correctness !== "correct") return {};
  let node: XElement | undefined;
  if (out.additionalIndex === -1) node = childrenByTag(resp.el, "correcthint")[0];
  else node = childrenByTag(childrenByTag(resp.el, "additional_answer")[out.additionalIndex], "correcthint")[0];
  const text = hintText(node);
  return text ? { [id]: text } : {};
}

function matchHintNode(node: XElement, given: string, regexMode: boolean, ci: boolean): boolean {
  const answer = (attr(node, "answer") ?? "").trim();
  if (!answer) return false;
  if (regexMode) {
    try {
      return compilePyRegex(`^${answer}$`, ci).test(given);
    } catch {
      return false; // invalid or too slow: the hint just does not show
    }
  }
  return ci ? answer.toLowerCase() === given.toLowerCase() : answer === given;
}

function stringHints(resp: CapaResponse, answers: Answers): Record<string, string> {
  const id = resp.inputs[0].id;
  if (!has(answers, id)) return {};
  const given = answers[id];
  if (typeof given !== "string") return {};
  const setup = stringSetup(resp);
  const expected = attr(resp.el, "answer")!.trim();
  const one = (node: XElement | undefined) => {
    const text = hintText(node);
    return text ? { [id]: text } : {};
  };
  if (checkString(setup, [expected], given)) return one(childrenByTag(resp.el, "correcthint")[0]);
  for (const node of childrenByTag(resp.el, "additional_answer")) {
    if (matchHintNode(node, given, setup.regexp, setup.ci)) return one(childrenByTag(node, "correcthint")[0]);
  }
  for (const node of childrenByTag(resp.el, "stringequalhint")) {
    if (matchHintNode(node, given, false, setup.ci)) return one(node);
  }
  for (const node of childrenByTag(resp.el, "regexphint")) {
    if (matchHintNode(node, given, true, setup.ci)) return one(node);
  }
  return {};
}
