// Advanced settings (Open edX Studio settings/advanced), PURE: the course-block policy keys
// authors use, each with a one-line doc and a typed editor, and the checks that refuse a bad
// value. Keys edited on other pages (dates, pacing, grace period …) are not listed here, as in
// Open edX. Any other key found on an imported course block is kept and edited as raw JSON.
import { decodeField } from "@/lib/olx/fields";

export type AdvancedKind = "string" | "select" | "integer" | "number" | "boolean" | "json";

export interface AdvancedKey {
  key: string;
  label: string;
  doc: string;
  kind: AdvancedKind;
  /** select: the allowed values */
  options?: readonly string[];
  /** integer/number: lowest value */
  min?: number;
  /** json: the shape it must have */
  json?: "object" | "array";
  /** value may be left empty (unset: the block inherits/uses Open edX's default) */
  optional?: boolean;
  /** whether Atrium acts on it (false: kept and exported only) */
  actedOn: boolean;
}

export const ADVANCED_KEYS: readonly AdvancedKey[] = [
  { key: "display_name", label: "Course display name", doc: "The course's name in the catalog, the LMS and Studio.", kind: "string", actedOn: true },
  { key: "advertised_start", label: "Course advertised start date", doc: "Text shown instead of the start date in the catalog (e.g. \"Spring 2027\"); leave empty to show the date.", kind: "string", optional: true, actedOn: false },
  {
    key: "showanswer",
    label: "Show answer",
    doc: "Default for every problem: when learners may see the answers (a problem's own setting wins).",
    kind: "select",
    options: ["always", "answered", "attempted", "attempted_no_past_due", "closed", "finished", "correct_or_past_due", "past_due", "never", "after_attempts", "after_all_attempts", "after_all_attempts_or_correct"],
    optional: true,
    actedOn: true,
  },
  { key: "max_attempts", label: "Maximum attempts", doc: "Default number of attempts a learner has on each problem; empty means unlimited.", kind: "integer", min: 0, optional: true, actedOn: true },
  { key: "rerandomize", label: "Randomization", doc: "Default for problems with random values: when a learner gets new values.", kind: "select", options: ["always", "onreset", "never", "per_student"], optional: true, actedOn: true },
  { key: "show_reset_button", label: "Show reset button for problems", doc: "Default for problems: offer a Reset button that clears the learner's answer.", kind: "boolean", actedOn: true },
  { key: "days_early_for_beta", label: "Days early for beta users", doc: "How many days before release beta testers see content.", kind: "number", min: 0, optional: true, actedOn: false },
  { key: "discussion_topics", label: "Discussion topic mapping", doc: "Course-wide discussion topics as JSON: {\"General\": {\"id\": \"course\"}}.", kind: "json", json: "object", optional: true, actedOn: false },
  { key: "allow_anonymous", label: "Allow anonymous discussion posts", doc: "Whether learners may post anonymously to everyone.", kind: "boolean", actedOn: false },
  { key: "allow_anonymous_to_peers", label: "Allow anonymous discussion posts to peers", doc: "Whether learners may post anonymously to other learners (staff still see the author).", kind: "boolean", actedOn: false },
  { key: "discussion_blackouts", label: "Discussion blackout dates", doc: "Periods when discussions are read-only, as JSON: [[\"2027-01-01T00:00\", \"2027-01-07T00:00\"]].", kind: "json", json: "array", optional: true, actedOn: false },
  { key: "catalog_visibility", label: "Course visibility in catalog", doc: "both: listed and about page; about: about page only; none: hidden.", kind: "select", options: ["both", "about", "none"], optional: true, actedOn: true },
  { key: "invitation_only", label: "Invitation only", doc: "Only invited learners may enroll.", kind: "boolean", actedOn: true },
  { key: "course_visibility", label: "Course visibility for unenrolled learners", doc: "private: enrolled only; public_outline: anyone sees the outline; public: anyone sees the content.", kind: "select", options: ["private", "public_outline", "public"], optional: true, actedOn: false },
  { key: "certificates_display_behavior", label: "Certificates display behavior", doc: "When learners see their certificate: end, end_with_date or early_no_info.", kind: "select", options: ["end", "end_with_date", "early_no_info"], optional: true, actedOn: false },
  { key: "due_date_display_format", label: "Due date display format", doc: "strftime format for due dates shown to learners (e.g. \"%m-%d-%Y\"); empty for the default.", kind: "string", optional: true, actedOn: false },
  { key: "hide_progress_tab", label: "Hide progress tab", doc: "Hide the Progress tab from learners.", kind: "boolean", actedOn: false },
  { key: "advanced_modules", label: "Advanced module list", doc: "Extra component types authors may add, as a JSON list: [\"poll\", \"survey\"].", kind: "json", json: "array", optional: true, actedOn: false },
  { key: "mobile_available", label: "Mobile course available", doc: "Whether the course is offered in the mobile apps.", kind: "boolean", actedOn: false },
];

/** Course-block fields edited on other Studio pages (or structural): never on this page. */
export const NOT_ADVANCED: ReadonlySet<string> = new Set([
  "start", "end", "enrollment_start", "enrollment_end", "self_paced", "course_image", "language", "effort",
  "intro_video", "short_description", "overview", "graceperiod", "grading_policy", "grade_cutoffs",
  "wiki_slug", "textbooks", "tabs", "xml_attributes", "url_name", "children", "chrome", "default_tab", "org", "course",
]);

const BY_KEY = new Map(ADVANCED_KEYS.map((k) => [k.key, k]));

export function advancedKeyOf(key: string): AdvancedKey | undefined {
  return BY_KEY.get(key);
}

/** Text for a key's editor from a stored field value (XML strings are decoded first). */
export function editorTextOf(key: string, raw: unknown): string {
  const def = BY_KEY.get(key);
  const v = decodeField(key, raw);
  if (!def) return v === undefined ? "" : JSON.stringify(v, null, 2);
  if (v === undefined || v === null) return def.kind === "boolean" ? "false" : "";
  if (def.kind === "json") return JSON.stringify(v, null, 2);
  if (def.kind === "boolean") return v === true || v === "true" ? "true" : "false";
  return String(v);
}

/** The value an editor's text stands for: `undefined` = unset (the key is removed). */
export type ParsedValue = { ok: true; value: unknown } | { ok: false; message: string };

export function parseAdvancedValue(key: string, text: string): ParsedValue {
  const def = BY_KEY.get(key);
  const s = text.trim();
  if (!def) {
    // a key Atrium does not know: raw JSON, kept as authored
    if (!s) return { ok: true, value: undefined };
    try {
      return { ok: true, value: JSON.parse(s) as unknown };
    } catch {
      return { ok: false, message: "This is not valid JSON (text needs \"double quotes\")." };
    }
  }
  if (!s && def.kind !== "boolean") {
    if (def.optional) return { ok: true, value: undefined };
    return { ok: false, message: "This setting needs a value." };
  }
  switch (def.kind) {
    case "string":
      return s.length > 255 ? { ok: false, message: "At most 255 characters." } : { ok: true, value: s };
    case "select":
      return def.options!.includes(s) ? { ok: true, value: s } : { ok: false, message: `Choose one of: ${def.options!.join(", ")}.` };
    case "boolean":
      if (s === "true") return { ok: true, value: true };
      if (s === "false" || s === "") return { ok: true, value: false };
      return { ok: false, message: "Either true or false." };
    case "integer":
    case "number": {
      const n = Number(s);
      if (!/^[+-]?\d+(\.\d+)?$/.test(s) || !Number.isFinite(n)) return { ok: false, message: "This must be a number." };
      if (def.kind === "integer" && !Number.isInteger(n)) return { ok: false, message: "This must be a whole number." };
      if (def.min !== undefined && n < def.min) return { ok: false, message: `This cannot be less than ${def.min}.` };
      return { ok: true, value: n };
    }
    case "json": {
      let v: unknown;
      try {
        v = JSON.parse(s);
      } catch {
        return { ok: false, message: "This is not valid JSON (text needs \"double quotes\")." };
      }
      if (def.json === "object" && (v === null || typeof v !== "object" || Array.isArray(v))) return { ok: false, message: "This must be a JSON object: { … }." };
      if (def.json === "array" && !Array.isArray(v)) return { ok: false, message: "This must be a JSON list: [ … ]." };
      if (key === "discussion_blackouts" && !(v as unknown[]).every((p) => Array.isArray(p) && p.length === 2 && p.every((d) => typeof d === "string" && !Number.isNaN(Date.parse(d))))) {
        return { ok: false, message: "Each blackout is a pair of dates: [\"start\", \"end\"]." };
      }
      return { ok: true, value: v };
    }
  }
}

/** The keys the page shows for a course block: the known ones, then every other field of the block. */
export function advancedKeysFor(fields: Record<string, unknown>): Array<{ def: AdvancedKey | null; key: string; text: string }> {
  const known = ADVANCED_KEYS.map((def) => ({ def, key: def.key, text: editorTextOf(def.key, fields[def.key]) }));
  const other = Object.keys(fields)
    .filter((k) => !BY_KEY.has(k) && !NOT_ADVANCED.has(k))
    .sort()
    .map((k) => ({ def: null, key: k, text: editorTextOf(k, fields[k]) }));
  return [...known, ...other];
}

/**
 * Applies edited texts to the course block's fields. Every key is checked first; one bad value
 * refuses the whole save (errors keyed by setting name) and nothing changes.
 */
export function applyAdvancedSettings(
  fields: Record<string, unknown>,
  edits: Record<string, string>,
): { ok: true; fields: Record<string, unknown>; changed: string[] } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const next: Record<string, unknown> = { ...fields };
  const changed: string[] = [];
  for (const [key, text] of Object.entries(edits)) {
    if (NOT_ADVANCED.has(key)) {
      errors[key] = "This setting is edited on another page (Schedule & details or Grading).";
      continue;
    }
    if (!BY_KEY.has(key) && !(key in fields)) {
      errors[key] = "Unknown setting.";
      continue;
    }
    if (typeof text !== "string") {
      errors[key] = "Expected text.";
      continue;
    }
    const r = parseAdvancedValue(key, text);
    if (!r.ok) {
      errors[key] = r.message;
      continue;
    }
    // unchanged (as the editor shows it): keep the stored representation (e.g. an XML string "3")
    if (text.trim() === editorTextOf(key, fields[key]).trim()) continue;
    if (r.value === undefined) {
      if (key in next) {
        delete next[key];
        changed.push(key);
      }
    } else {
      next[key] = r.value;
      changed.push(key);
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, fields: next, changed };
}
