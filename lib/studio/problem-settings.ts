// The problem editor's settings (display name, weight, attempts, show answer, reset button,
// randomization) as attributes of the `<problem>` element, the way Open edX's OLX carries them.
// The editor rewrites only the root start tag: the body stays byte for byte as the author (or the
// markdown converter) wrote it, and attributes the editor does not manage (due, graceperiod,
// submission_wait_seconds, …) are kept. PURE: runs in the browser and on the server.
import { DOMParser } from "@xmldom/xmldom";

/** Open edX's showanswer values with Studio's labels (same list as lib/problems/rules SHOWANSWER_VALUES). */
export const SHOW_ANSWER_OPTIONS = [
  { value: "always", label: "Always" },
  { value: "answered", label: "Answered" },
  { value: "attempted", label: "Attempted or Past Due" },
  { value: "attempted_no_past_due", label: "Attempted" },
  { value: "closed", label: "Closed" },
  { value: "finished", label: "Finished" },
  { value: "correct_or_past_due", label: "Correct or Past Due" },
  { value: "past_due", label: "Past Due" },
  { value: "never", label: "Never" },
  { value: "after_attempts", label: "After Some Number of Attempts" },
  { value: "after_all_attempts", label: "After All Attempts" },
  { value: "after_all_attempts_or_correct", label: "After All Attempts or Correct" },
] as const;

/** Open edX's rerandomize values with Studio's labels. */
export const RANDOMIZATION_OPTIONS = [
  { value: "always", label: "Always" },
  { value: "onreset", label: "On Reset" },
  { value: "never", label: "Never" },
  { value: "per_student", label: "Per Student" },
] as const;

/** Attributes the settings form owns; `markdown` is saved apart (saveComponentAction's `markdown`). */
export const MANAGED_ATTRIBUTES = ["display_name", "weight", "max_attempts", "showanswer", "attempts_before_showanswer_button", "show_reset_button", "rerandomize"] as const;
const OWNED = new Set<string>([...MANAGED_ATTRIBUTES, "markdown"]);

export interface ProblemSettingsForm {
  displayName: string;
  /** "" = Open edX's default (the problem's points) */
  weight: string;
  /** "" = unlimited */
  maxAttempts: string;
  /** "" = the course default */
  showanswer: string;
  attemptsBeforeShowanswer: string;
  /** "" = the course default */
  showResetButton: "" | "true" | "false";
  /** "" = the course default */
  rerandomize: string;
}

export type Attr = [name: string, value: string];

export type ParsedElement = { ok: true; attrs: Attr[] } | { ok: false; message: string };

/** The root element's attributes, in order, or why the text is not a `<problem>` element. */
export function problemAttributes(olx: string): ParsedElement {
  let error: string | null = null;
  const parser = new DOMParser({
    onError: (level: string, msg: string) => {
      if (level !== "warning" && error === null) error = msg;
    },
  });
  type Root = { tagName: string; attributes: ArrayLike<{ name: string; value: string }> };
  const parse = (): Root | null => {
    try {
      return parser.parseFromString(olx, "text/xml").documentElement as unknown as Root | null;
    } catch (e) {
      error ??= (e as Error).message;
      return null;
    }
  };
  const root = parse();
  if (error !== null || !root) return { ok: false, message: `The OLX is not well-formed XML: ${String(error ?? "it is empty").split("\n")[0]}` };
  if (root.tagName !== "problem") return { ok: false, message: `The OLX must be one <problem> element, not <${root.tagName}>.` };
  return { ok: true, attrs: Array.from(root.attributes).map((a): Attr => [a.name, a.value]) };
}

const START_TAG = /^(\s*(?:<\?[\s\S]*?\?>\s*)?(?:<!--[\s\S]*?-->\s*)*)<problem((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/;

export function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

/** Replaces the root `<problem>` start tag's attributes with `attrs`, leaving the rest of the text untouched. */
export function setProblemAttributes(olx: string, attrs: Attr[]): string {
  const m = START_TAG.exec(olx);
  if (!m) throw new Error("The OLX must start with a <problem> element.");
  const tag = `<problem${attrs.map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join("")}${m[3] ? " />" : ">"}`;
  return `${m[1]}${tag}${olx.slice(m[0].length)}`;
}

/** Attributes the settings form does not own (kept as they are). */
export function unmanagedAttributes(attrs: Attr[]): Attr[] {
  return attrs.filter(([k]) => !OWNED.has(k));
}

/** The element without the settings and markdown attributes: what the Advanced tab shows. */
export function withoutOwnedAttributes(olx: string): string {
  const parsed = problemAttributes(olx);
  if (!parsed.ok) return olx;
  return setProblemAttributes(olx, unmanagedAttributes(parsed.attrs));
}

export function readSettings(attrs: Attr[], fallbackName = "Problem"): ProblemSettingsForm {
  const get = (k: string) => attrs.find(([n]) => n === k)?.[1] ?? "";
  const reset = get("show_reset_button").trim().toLowerCase();
  return {
    displayName: get("display_name") || fallbackName,
    weight: get("weight"),
    maxAttempts: get("max_attempts"),
    showanswer: get("showanswer"),
    attemptsBeforeShowanswer: get("attempts_before_showanswer_button"),
    showResetButton: reset === "true" ? "true" : reset === "false" ? "false" : "",
    rerandomize: get("rerandomize"),
  };
}

/** Field errors keyed by form field (empty when the settings can be saved). */
export function validateSettings(s: ProblemSettingsForm): Partial<Record<keyof ProblemSettingsForm, string>> {
  const errors: Partial<Record<keyof ProblemSettingsForm, string>> = {};
  if (!s.displayName.trim()) errors.displayName = "Enter a display name.";
  if (s.weight.trim() && !(Number.isFinite(Number(s.weight)) && Number(s.weight) >= 0)) errors.weight = "The weight must be a number of points, 0 or more.";
  if (s.maxAttempts.trim() && !/^\d+$/.test(s.maxAttempts.trim())) errors.maxAttempts = "Maximum attempts must be a whole number, or empty for unlimited.";
  if (s.showanswer && !SHOW_ANSWER_OPTIONS.some((o) => o.value === s.showanswer)) errors.showanswer = "Choose when learners may see the answer.";
  if (s.showanswer === "after_attempts" && s.attemptsBeforeShowanswer.trim() && !/^\d+$/.test(s.attemptsBeforeShowanswer.trim())) {
    errors.attemptsBeforeShowanswer = "The number of attempts must be a whole number.";
  }
  if (s.rerandomize && !RANDOMIZATION_OPTIONS.some((o) => o.value === s.rerandomize)) errors.rerandomize = "Choose a randomization.";
  return errors;
}

/** The settings as attributes; empty fields are left out (the course/Open edX default applies). */
export function settingsAttributes(s: ProblemSettingsForm): Attr[] {
  const out: Attr[] = [["display_name", s.displayName.trim()]];
  if (s.weight.trim()) out.push(["weight", s.weight.trim()]);
  if (s.maxAttempts.trim()) out.push(["max_attempts", s.maxAttempts.trim()]);
  if (s.showanswer) out.push(["showanswer", s.showanswer]);
  if (s.showanswer === "after_attempts" && s.attemptsBeforeShowanswer.trim()) out.push(["attempts_before_showanswer_button", s.attemptsBeforeShowanswer.trim()]);
  if (s.showResetButton) out.push(["show_reset_button", s.showResetButton]);
  if (s.rerandomize) out.push(["rerandomize", s.rerandomize]);
  return out;
}

/** The element to save: `body`'s root (minus owned attributes) with the settings on it. */
export function applySettings(body: string, s: ProblemSettingsForm): string {
  const parsed = problemAttributes(body);
  if (!parsed.ok) throw new Error(parsed.message);
  return setProblemAttributes(body, [...settingsAttributes(s), ...unmanagedAttributes(parsed.attrs)]);
}
