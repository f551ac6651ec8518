// Open edX's problem-level rules (capa_block.py): reading a problem's settings, when it is closed,
// when answers may be shown, when Reset is offered, and the learner's seed. PURE: no database, no
// Next.js, so the server service and the UI ask the same questions and get the same answers.
import { createHash } from "node:crypto";
import { parseWeight } from "@/lib/grading";

export type Rerandomize = "always" | "onreset" | "never" | "per_student";

export const SHOWANSWER_VALUES = [
  "always",
  "answered",
  "attempted",
  "attempted_no_past_due",
  "closed",
  "finished",
  "correct_or_past_due",
  "past_due",
  "never",
  "after_attempts",
  "after_all_attempts",
  "after_all_attempts_or_correct",
] as const;
export type ShowAnswer = (typeof SHOWANSWER_VALUES)[number];

export interface ProblemSettings {
  displayName: string;
  maxAttempts: number | null;
  showanswer: ShowAnswer | "";
  attemptsBeforeShowanswer: number;
  /** due + grace period (the moment the problem closes), or null */
  closeDate: Date | null;
  due: Date | null;
  weight: number | null;
  rerandomize: Rerandomize;
  submissionWaitSeconds: number;
  showResetButton: boolean;
  /** the problem's own `graded` field (not inherited); Open edX treats unset as true */
  graded: boolean;
}

/** What the rules need to know about a learner's state. */
export interface StateFacts {
  attempts: number;
  done: boolean;
  /** every input graded correct */
  correct: boolean;
}

function toBool(v: unknown, fallback: boolean): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (s === "true") return true;
    if (s === "false") return false;
  }
  return fallback;
}

function toIntOrNull(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === "string" && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return null;
}

function toDate(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === "string" && v.trim() !== "") {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/**
 * Open edX Timedelta field: "2 days 5 hours 3 minutes 10 seconds" (any part optional). Returns
 * milliseconds, or 0 for an empty/unreadable value (Open edX then has no grace period).
 */
export function parseGracePeriod(v: unknown): number {
  if (typeof v === "number" && Number.isFinite(v)) return v * 1000;
  if (typeof v !== "string" || v.trim() === "") return 0;
  const m = /^\s*(?:(\d+) days?)?\s*(?:(\d+) hours?)?\s*(?:(\d+) minutes?)?\s*(?:(\d+) seconds?)?\s*$/.exec(v);
  if (!m) return 0;
  const [d, h, mi, s] = [m[1], m[2], m[3], m[4]].map((x) => Number(x ?? 0));
  return (((d * 24 + h) * 60 + mi) * 60 + s) * 1000;
}

function toRerandomize(v: unknown): Rerandomize {
  const s = typeof v === "string" ? v.trim().toLowerCase() : typeof v === "boolean" ? String(v) : "";
  // Legacy values: "true" meant always, "false" meant per_student.
  if (s === "true") return "always";
  if (s === "false") return "per_student";
  if (s === "always" || s === "onreset" || s === "per_student" || s === "never") return s;
  return "never";
}

function toShowAnswer(v: unknown): ShowAnswer | "" {
  if (v === undefined || v === null) return "finished";
  const s = String(v).trim().toLowerCase();
  if (s === "") return "";
  return (SHOWANSWER_VALUES as readonly string[]).includes(s) ? (s as ShowAnswer) : "finished";
}

/**
 * Reads a problem's resolved settings (course_blocks.settings, Open edX field names) and its own
 * fields (course_blocks.fields, for the non-inherited `graded`).
 */
export function readProblemSettings(settings: Record<string, unknown>, fields: Record<string, unknown> = {}): ProblemSettings {
  const due = toDate(settings.due);
  const grace = parseGracePeriod(settings.graceperiod);
  const max = toIntOrNull(settings.max_attempts);
  const wait = toIntOrNull(settings.submission_wait_seconds);
  const before = toIntOrNull(settings.attempts_before_showanswer_button);
  return {
    displayName: typeof settings.display_name === "string" && settings.display_name.trim() ? settings.display_name : "Problem",
    maxAttempts: max !== null && max >= 0 ? max : null,
    showanswer: toShowAnswer(settings.showanswer),
    attemptsBeforeShowanswer: before !== null && before >= 0 ? before : 0,
    due,
    closeDate: due ? new Date(due.getTime() + grace) : null,
    weight: parseWeight(settings.weight),
    rerandomize: toRerandomize(settings.rerandomize),
    submissionWaitSeconds: wait !== null && wait > 0 ? wait : 0,
    showResetButton: toBool(settings.show_reset_button, false),
    graded: toBool(fields.graded, true),
  };
}

export function isPastDue(s: ProblemSettings, now: Date): boolean {
  return s.closeDate !== null && now.getTime() > s.closeDate.getTime();
}

/** No more submissions: attempts used up or past due + grace period. */
export function isClosed(s: ProblemSettings, st: StateFacts, now: Date): boolean {
  if (s.maxAttempts !== null && st.attempts >= s.maxAttempts) return true;
  return isPastDue(s, now);
}

/** capa_block.answer_available for a learner (`isStaff` sees answers unless showanswer is never). */
export function isAnswerAvailable(s: ProblemSettings, st: StateFacts, now: Date, isStaff = false): boolean {
  if (s.showanswer === "" || s.showanswer === "never") return false;
  if (isStaff) return true;
  switch (s.showanswer) {
    case "always":
      return true;
    case "attempted":
      return st.attempts > 0 || isPastDue(s, now);
    case "attempted_no_past_due":
      return st.attempts > 0;
    case "answered":
      return st.correct;
    case "closed":
      return isClosed(s, st, now);
    case "finished":
      return isClosed(s, st, now) || st.correct;
    case "correct_or_past_due":
      return st.correct || isPastDue(s, now);
    case "past_due":
      return isPastDue(s, now);
    case "after_attempts": {
      let required = s.attemptsBeforeShowanswer;
      if (s.maxAttempts !== null && s.maxAttempts > 0 && required >= s.maxAttempts) required = s.maxAttempts;
      return st.attempts >= required;
    }
    case "after_all_attempts":
      return s.maxAttempts !== null && s.maxAttempts > 0 ? st.attempts >= s.maxAttempts : false;
    case "after_all_attempts_or_correct":
      return st.correct || (s.maxAttempts !== null && s.maxAttempts > 0 ? st.attempts >= s.maxAttempts : false);
  }
}

/** capa_block.should_show_reset_button. */
export function isResetAvailable(s: ProblemSettings, st: StateFacts, now: Date): boolean {
  const survey = s.maxAttempts === 0;
  if (isClosed(s, st, now) && !survey) return false;
  if (!st.done) return false;
  // A full score is kept: resetting would only throw it away.
  if (st.correct) return false;
  if (s.rerandomize === "always" || s.rerandomize === "onreset") return true;
  return s.showResetButton;
}

/** With rerandomize=always, a submitted problem must be reset before the next submit. */
export function mustResetBeforeSubmit(s: ProblemSettings, st: StateFacts): boolean {
  return s.rerandomize === "always" && st.done;
}

/** Open edX's NUM_RANDOMIZATION_BINS (per_student seeds fall in 0..19). */
const NUM_RANDOMIZATION_BINS = 20;
/** Open edX's MAX_RANDOMIZATION_BINS (always/onreset seeds fall in 0..999). */
const MAX_RANDOMIZATION_BINS = 1000;

/** A bin of sha1(userId + usageKey). */
function seedBin(userId: number, usageKey: string, bins: number): number {
  const hex = createHash("sha1").update(String(userId)).update(usageKey).digest("hex");
  return parseInt(hex.slice(0, 7), 16) % bins;
}

/**
 * The seed a learner's problem has until their first answer stores one. The unit page shows the
 * problem with it (a page GET writes nothing), and the first answer stores it, so what the learner
 * read is what is graded. never → 1; per_student → its bin; always/onreset → a bin 0..999 of
 * sha1(userId + usageKey), which spreads learners as Open edX's first random seed does. Resets
 * draw new seeds (chooseSeed).
 */
export function initialSeed({ rerandomize, userId, usageKey }: { rerandomize: Rerandomize; userId: number; usageKey: string }): number {
  if (rerandomize === "never") return 1;
  return seedBin(userId, usageKey, rerandomize === "per_student" ? NUM_RANDOMIZATION_BINS : MAX_RANDOMIZATION_BINS);
}

/**
 * capa_block.choose_new_seed, as a Reset calls it: never → 1; per_student → its bin (a reset keeps
 * it); always/onreset → random. `random` is injectable for tests.
 */
export function chooseSeed({ rerandomize, userId, usageKey, random = Math.random }: { rerandomize: Rerandomize; userId: number; usageKey: string; random?: () => number }): number {
  if (rerandomize === "never") return 1;
  if (rerandomize === "per_student") return seedBin(userId, usageKey, NUM_RANDOMIZATION_BINS);
  return Math.floor(random() * MAX_RANDOMIZATION_BINS);
}

/** Every input graded correct (partially-correct is not correct). */
export function allCorrect(correctness: Record<string, string> | null | undefined): boolean {
  const values = Object.values(correctness ?? {});
  return values.length > 0 && values.every((c) => c === "correct");
}
