// Annotation problems: `<annotationresponse>` with one `<annotationinput>` (capa's AnnotationResponse
// and AnnotationInput). The learner reads a passage, writes a comment (never graded) and picks one
// tag (an `<option>`); the answer is Open edX's JSON `{"options": [index], "comment": "..."}`.
// Rules reproduced (edx-platform xmodule/capa responsetypes.py / inputtypes.py):
// - every input is worth 2 points whatever its `points` says (_get_max_points: the "correct" score);
// - options are `./options/option`, numbered 0.. in document order; each needs `choice` equal to
//   correct | partially-correct | incorrect (AnnotationInput._validate_options, case-sensitive);
// - exactly one selected option is graded: correct → 2 points, partially-correct → 1,
//   incorrect → 0; none or several selected → incorrect (_get_submitted_option_id);
// - a selected value matches an option by Python equality with its index (1, 1.0 and true match
//   option 1; "1" matches nothing);
// - an answer that is not JSON is refused (json.loads raises: no attempt used); JSON that is not
//   an object, or whose `options` is not a list, reads as no selection;
// - Show Answer gives the first option whose choice is "correct" (_find_option_with_choice).
// Pure: no DOM beyond lib/capa/xml, no Next.js.
import { problemError, studentInputError } from "./errors";
import type { CapaResponse } from "./problem";
import type { Correctness } from "./types";
import { childrenByTag, textContent, type XElement } from "./xml";

/** AnnotationResponse.default_scoring: points per choice. */
export const ANNOTATION_SCORING: Record<Correctness, number> = { incorrect: 0, "partially-correct": 1, correct: 2 };
/** Every annotationinput's max points (the "correct" score), whatever its `points` attribute. */
export const ANNOTATION_MAX_POINTS = ANNOTATION_SCORING.correct;

const CHOICES = ["correct", "partially-correct", "incorrect"] as const;
type Choice = (typeof CHOICES)[number];

/** `./options/option`: option children of every `<options>` child, in document order. */
export function annotationOptions(input: XElement): XElement[] {
  return childrenByTag(input, "options").flatMap((o) => childrenByTag(o, "option"));
}

/** AnnotationInput._validate_options: Open edX cannot render an option without a valid choice. */
export function checkAnnotationInput(input: XElement): void {
  for (const option of annotationOptions(input)) {
    const choice = option.getAttribute("choice");
    if (!option.hasAttribute("choice")) throw problemError("Error in annotationinput: an option is missing its required choice attribute.");
    if (!(CHOICES as readonly string[]).includes(choice ?? "")) {
      throw problemError(`Error in annotationinput: invalid choice attribute: ${(choice ?? "").slice(0, 100)}. Must be one of: ${CHOICES.join(", ")}`);
    }
  }
}

export interface AnnotationValue {
  /** The selected option values as submitted (Open edX keeps any JSON values). */
  options: unknown[];
  comment: string;
}

/** AnnotationInput._unpack: JSON → {options, comment}. Throws a student input error when the
 *  value is not JSON at all (json.loads raises in Open edX, which rejects the submission). */
export function parseAnnotationValue(value: string): AnnotationValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw studentInputError("This annotation answer could not be read: choose a tag and submit again.");
  }
  const obj = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  const options = Array.isArray(obj.options) ? obj.options : [];
  const comment = typeof obj.comment === "string" ? obj.comment : "";
  return { options, comment };
}

/** Python `value == index` for a JSON value: numbers by value, booleans as 0/1, nothing else. */
function equalsIndex(value: unknown, index: number): boolean {
  if (typeof value === "number") return value === index;
  if (typeof value === "boolean") return Number(value) === index;
  return false;
}

/** AnnotationResponse.get_score for the response's one input. */
export function gradeAnnotation(resp: CapaResponse, answers: Record<string, string | string[]>): Record<string, { correctness: Correctness; npoints: number | null }> {
  const id = resp.inputs[0].id;
  const given = Object.prototype.hasOwnProperty.call(answers, id) ? answers[id] : "";
  if (Array.isArray(given)) throw studentInputError("This annotation answer must be a single value.");
  // Nothing submitted reads as Open edX's empty value ("null"): no selection.
  const { options: selected } = parseAnnotationValue(given.trim() === "" ? "null" : given);
  const miss = { [id]: { correctness: "incorrect" as const, npoints: null } };
  if (selected.length !== 1) return miss;
  const options = annotationOptions(resp.inputs[0].el);
  const index = options.findIndex((_, i) => equalsIndex(selected[0], i));
  if (index < 0) return miss;
  const choice = options[index].getAttribute("choice") as Choice;
  return { [id]: { correctness: choice, npoints: ANNOTATION_SCORING[choice] } };
}

/** Show Answer (AnnotationResponse.get_answers): the first option marked correct, or null. */
export function annotationCorrectOption(input: XElement): { option: number; text: string } | null {
  const options = annotationOptions(input);
  const index = options.findIndex((o) => o.getAttribute("choice") === "correct");
  return index < 0 ? null : { option: index, text: textContent(options[index]).trim() };
}
