// The Grading page's model (Open edX Studio settings/grading), PURE: assignment types with their
// weight in percent, grade cutoffs in percent, the grace period as hours:minutes; converted to and
// from grading_policy.json's shape and the course block's `graceperiod`, and checked with
// lib/grading's own validator and a dry run of the grader.
import { DEFAULT_GRADING_POLICY, gradeCourse, parseGradingPolicy } from "@/lib/grading";

export interface AssignmentTypeForm {
  type: string;
  shortLabel: string;
  /** percent of the course grade, 0..100 */
  weight: number;
  minCount: number;
  dropCount: number;
}

export interface CutoffForm {
  /** the grade's letter or name, e.g. "A" or "Pass" */
  name: string;
  /** lowest percent that earns this grade, 1..99 */
  percent: number;
}

export interface GradingForm {
  graders: AssignmentTypeForm[];
  /** highest grade first */
  cutoffs: CutoffForm[];
  grace: { hours: number; minutes: number };
}

/** Field errors are keyed "graders.<i>.<field>", "cutoffs.<i>.<field>", "weights", "cutoffs", "grace". */
export type GradingErrors = Record<string, string>;

const pct = (fraction: number) => Math.round(fraction * 10000) / 100;

/** The page's model from a stored policy and the course block's graceperiod. */
export function gradingFormOf(policy: unknown, graceperiod: unknown): GradingForm {
  let p;
  try {
    p = parseGradingPolicy(policy);
  } catch {
    p = DEFAULT_GRADING_POLICY;
  }
  const graders = p.GRADER.map((g) => ({
    type: g.type,
    shortLabel: g.short_label ?? "",
    weight: pct(Number(g.weight ?? 0) || 0),
    minCount: Number(g.min_count) || 0,
    dropCount: Number(g.drop_count) || 0,
  }));
  const cutoffs = Object.entries(p.GRADE_CUTOFFS)
    .map(([name, c]) => ({ name, percent: pct(c) }))
    .sort((a, b) => b.percent - a.percent);
  return { graders, cutoffs, grace: parseGrace(graceperiod) };
}

/** "2 days 5 hours 30 minutes" (Open edX's timedelta text) → hours and minutes (days folded into hours). */
export function parseGrace(v: unknown): { hours: number; minutes: number } {
  if (typeof v !== "string" || !v.trim()) return { hours: 0, minutes: 0 };
  const m = /^\s*(?:(\d+) days?)?\s*(?:(\d+) hours?)?\s*(?:(\d+) minutes?)?\s*(?:(\d+) seconds?)?\s*$/.exec(v);
  if (!m) return { hours: 0, minutes: 0 };
  const [d, h, mi] = [m[1], m[2], m[3]].map((x) => Number(x ?? 0));
  return { hours: d * 24 + h, minutes: mi };
}

/** The course block's graceperiod for hours and minutes; null (unset) for none. */
export function formatGrace(g: { hours: number; minutes: number }): string | null {
  if (!g.hours && !g.minutes) return null;
  return `${g.hours} hours ${g.minutes} minutes`;
}

const isInt = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n);

/**
 * Checks the form the way Open edX Studio does (names, counts, weights totalling 100 %, strictly
 * decreasing cutoffs between 0 and 100) and returns the stored shapes, or the field errors.
 * `previous` keeps keys of the stored policy that the page does not edit.
 */
export function buildGradingPolicy(
  form: GradingForm,
  previous?: unknown,
): { ok: true; policy: Record<string, unknown>; graceperiod: string | null } | { ok: false; errors: GradingErrors } {
  const errors: GradingErrors = {};
  const seen = new Set<string>();
  form.graders.forEach((g, i) => {
    const type = g.type.trim();
    if (!type) errors[`graders.${i}.type`] = "Give the assignment type a name.";
    else if (seen.has(type.toLowerCase())) errors[`graders.${i}.type`] = "Each assignment type needs its own name.";
    seen.add(type.toLowerCase());
    if (g.shortLabel.length > 32) errors[`graders.${i}.shortLabel`] = "Keep the abbreviation short (32 characters at most).";
    if (typeof g.weight !== "number" || !Number.isFinite(g.weight) || g.weight < 0 || g.weight > 100) errors[`graders.${i}.weight`] = "The weight is a percent between 0 and 100.";
    if (!isInt(g.minCount) || g.minCount < 1) errors[`graders.${i}.minCount`] = "At least one assignment of this type.";
    if (!isInt(g.dropCount) || g.dropCount < 0) errors[`graders.${i}.dropCount`] = "Dropped assignments are 0 or more.";
    else if (isInt(g.minCount) && g.dropCount > g.minCount) errors[`graders.${i}.dropCount`] = "Cannot drop more assignments than there are.";
  });
  const total = form.graders.reduce((s, g) => s + (Number.isFinite(g.weight) ? g.weight : 0), 0);
  if (form.graders.length && Math.abs(total - 100) > 0.001) errors.weights = `The weights add up to ${Math.round(total * 100) / 100} %; they must total 100 %.`;

  if (!form.cutoffs.length) errors.cutoffs = "A course needs at least one passing grade.";
  if (form.cutoffs.length > 5) errors.cutoffs = "At most five passing grades (Open edX's limit).";
  const names = new Set<string>();
  form.cutoffs.forEach((c, i) => {
    const name = c.name.trim();
    if (!name) errors[`cutoffs.${i}.name`] = "Give the grade a name.";
    else if (names.has(name)) errors[`cutoffs.${i}.name`] = "Each grade needs its own name.";
    names.add(name);
    if (typeof c.percent !== "number" || !Number.isFinite(c.percent) || c.percent <= 0 || c.percent >= 100) errors[`cutoffs.${i}.percent`] = "A cutoff is a percent between 1 and 99.";
    else if (i > 0 && !(c.percent < form.cutoffs[i - 1].percent)) errors[`cutoffs.${i}.percent`] = `Must be lower than ${form.cutoffs[i - 1].name || "the grade above"} (${form.cutoffs[i - 1].percent} %).`;
  });

  const { hours, minutes } = form.grace;
  if (!isInt(hours) || hours < 0 || hours > 24 * 365) errors.grace = "Hours are a whole number from 0.";
  else if (!isInt(minutes) || minutes < 0 || minutes > 59) errors.grace = "Minutes are a whole number from 0 to 59.";

  if (Object.keys(errors).length) return { ok: false, errors };

  const prev = previous && typeof previous === "object" && !Array.isArray(previous) ? (previous as Record<string, unknown>) : {};
  const policy: Record<string, unknown> = {
    ...prev,
    GRADER: form.graders.map((g) => ({
      type: g.type.trim(),
      min_count: g.minCount,
      drop_count: g.dropCount,
      short_label: g.shortLabel.trim(),
      weight: Math.round(g.weight * 100) / 10000,
    })),
    GRADE_CUTOFFS: Object.fromEntries(form.cutoffs.map((c) => [c.name.trim(), Math.round(c.percent * 100) / 10000])),
  };
  try {
    // lib/grading's validator and a dry run: what the LMS will do with it must not throw.
    gradeCourse(parseGradingPolicy(policy), []);
  } catch (err) {
    return { ok: false, errors: { _form: err instanceof Error ? err.message : String(err) } };
  }
  return { ok: true, policy, graceperiod: formatGrace(form.grace) };
}

/** Whether two stored grading policies grade differently (key order ignored). */
export function gradingPolicyChanged(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): string => {
    try {
      const p = parseGradingPolicy(v);
      return JSON.stringify({ g: p.GRADER.map((e) => [e.type, Number(e.min_count), Number(e.drop_count), Number(e.weight ?? 0), e.short_label ?? ""]), c: Object.entries(p.GRADE_CUTOFFS).sort() });
    } catch {
      return JSON.stringify(v ?? null);
    }
  };
  return norm(a) !== norm(b);
}

/**
 * Moves one cutoff to `percent` keeping the order strict: it is clamped between its neighbours
 * (1 % apart), 1..99. Used by the range bar's drag and its arrow keys.
 */
export function moveCutoff(cutoffs: CutoffForm[], index: number, percent: number): CutoffForm[] {
  const upper = index > 0 ? cutoffs[index - 1].percent - 1 : 99;
  const lower = index < cutoffs.length - 1 ? cutoffs[index + 1].percent + 1 : 1;
  const v = Math.max(lower, Math.min(upper, Math.round(percent)));
  return cutoffs.map((c, i) => (i === index ? { ...c, percent: v } : c));
}
