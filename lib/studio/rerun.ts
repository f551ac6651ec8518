// Re-running a course (pure): shift every date of a course version by whole days, and rewrite the
// keys that embed org/number/run (course-v1:O+N+R, block-v1:O+N+R+type@T+block@NAME) to the new
// run's. No database, no Next.js: lib/db/queries/rerun.ts applies this to rows in one transaction.
//
// Dates are Open edX setting values as authored: ISO strings with or without a zone ("no zone" is
// UTC, as lib/courses/import.ts parseOlxDate reads them), sometimes wrapped in quotes by
// policy.json. A shifted date is written back in the same style (date-only stays date-only; times
// are written in UTC with "Z"). Values that are not dates ("Spring 2027" as an advertised start)
// are kept as they are.

export const DAY_MS = 86_400_000;

/** Block settings (fields and resolved settings) whose values are dates. */
export const DATE_SETTINGS = [
  "start",
  "end",
  "due",
  "enrollment_start",
  "enrollment_end",
  "announcement",
  "advertised_start",
  "certificate_available_date",
] as const;

const DATE_SET = new Set<string>(DATE_SETTINGS);

export interface RunKey {
  org: string;
  number: string;
  run: string;
}

export const courseKeyOfRun = (k: RunKey) => `course-v1:${k.org}+${k.number}+${k.run}`;

/** Parses a course key; null when it is not course-v1:ORG+NUMBER+RUN. */
export function parseCourseKey(key: string): RunKey | null {
  const m = /^course-v1:([^+\s]+)\+([^+\s]+)\+([^+\s]+)$/.exec(key);
  return m ? { org: m[1], number: m[2], run: m[3] } : null;
}

/** Shifts one date string by `days`, keeping its style; null when the value is not a date. */
export function shiftDateString(value: string, days: number): string | null {
  const quoted = /^".*"$/.test(value);
  const s = (quoted ? value.slice(1, -1) : value).trim();
  if (!s) return null;
  let iso: string;
  let dateOnly = false;
  if (/^\d{4}-\d\d-\d\d$/.test(s)) {
    iso = `${s}T00:00:00Z`;
    dateOnly = true;
  } else if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/i.test(s)) {
    iso = /(Z|[+-]\d\d:?\d\d)$/i.test(s) ? s : `${s}Z`;
  } else {
    return null;
  }
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return null;
  const d = new Date(t + days * DAY_MS);
  const out = dateOnly ? d.toISOString().slice(0, 10) : d.toISOString().replace(/\.000Z$/, "Z");
  return quoted ? `"${out}"` : out;
}

/** Shifts a Date (null stays null). */
export function shiftDate(d: Date | null, days: number): Date | null {
  return d ? new Date(d.getTime() + days * DAY_MS) : null;
}

/** Shifts a date-valued setting; anything that is not a date string is returned unchanged. */
export function shiftDateValue(value: unknown, days: number): unknown {
  if (typeof value !== "string") return value;
  return shiftDateString(value, days) ?? value;
}

/** The day offset from one date to another (whole days, rounded), e.g. old start → new start. */
export function dayOffset(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

/**
 * Rewrites the keys of course `from` to course `to` inside a string: the course key, block keys
 * (block-v1:O+N+R+…) and the old i4x:// / slash forms' org/number prefix are left alone (Open edX
 * re-runs do not rewrite them either). The root block's own url_name is handled by the caller.
 */
export function rewriteKeysInString(s: string, from: RunKey, to: RunKey): string {
  const oldBody = `${from.org}+${from.number}+${from.run}`;
  const newBody = `${to.org}+${to.number}+${to.run}`;
  if (!s.includes(oldBody)) return s;
  return s.split(`course-v1:${oldBody}`).join(`course-v1:${newBody}`).split(`block-v1:${oldBody}+`).join(`block-v1:${newBody}+`);
}

/** Rewrites one usage key; `rootRename` renames the course block (whose url_name is the run). */
export function rewriteUsageKey(key: string, from: RunKey, to: RunKey, rootRename?: { from: string; to: string }): string {
  const out = rewriteKeysInString(key, from, to);
  if (rootRename && out === `block-v1:${to.org}+${to.number}+${to.run}+type@course+block@${rootRename.from}`) {
    return `block-v1:${to.org}+${to.number}+${to.run}+type@course+block@${rootRename.to}`;
  }
  return out;
}

function mapDeep(v: unknown, fn: (s: string) => string): unknown {
  if (typeof v === "string") return fn(v);
  if (Array.isArray(v)) return v.map((x) => mapDeep(x, fn));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, mapDeep(x, fn)]));
  return v;
}

/**
 * A block's fields or settings for the new run: every date setting shifted, discussion blackout
 * periods shifted, and course/block keys in any string value rewritten.
 */
export function rerunSettings(obj: Record<string, unknown>, days: number, from: RunKey, to: RunKey): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj ?? {})) {
    let next = mapDeep(v, (s) => rewriteKeysInString(s, from, to));
    if (days !== 0 && DATE_SET.has(k)) next = shiftDateValue(next, days);
    else if (days !== 0 && k === "discussion_blackouts" && Array.isArray(next)) {
      next = next.map((pair) => (Array.isArray(pair) ? pair.map((d) => shiftDateValue(d, days)) : pair));
    }
    out[k] = next;
  }
  return out;
}

/** A block row's identity and settings, as the rerun rewrites them. */
export interface RerunBlockInput {
  usageKey: string;
  blockType: string;
  urlName: string;
  parentUsageKey: string | null;
  settings: Record<string, unknown>;
  fields: Record<string, unknown>;
}

/** How the rerun renames a course: keys, day offset, and the root block's url_name. */
export interface RerunPlan {
  from: RunKey;
  to: RunKey;
  days: number;
  /** the course block's url_name in the source (Studio and Open edX exports name it after the run) */
  rootUrlName: string;
}

/** The new root url_name: a course block named after the old run is named after the new run. */
export function newRootUrlName(plan: RerunPlan): string {
  return plan.rootUrlName === plan.from.run ? plan.to.run : plan.rootUrlName;
}

/** One block row of the source version, rewritten for the new run. */
export function rerunBlock<T extends RerunBlockInput>(b: T, plan: RerunPlan): T {
  const rename = { from: plan.rootUrlName, to: newRootUrlName(plan) };
  const isRoot = b.blockType === "course" && b.parentUsageKey === null;
  return {
    ...b,
    usageKey: rewriteUsageKey(b.usageKey, plan.from, plan.to, rename),
    urlName: isRoot ? rename.to : b.urlName,
    parentUsageKey: b.parentUsageKey === null ? null : rewriteUsageKey(b.parentUsageKey, plan.from, plan.to, rename),
    settings: rerunSettings(b.settings, plan.days, plan.from, plan.to),
    fields: rerunSettings(b.fields, plan.days, plan.from, plan.to),
  };
}

/** A document path for the new run: policies/<old run>/… moves to policies/<new run>/…. */
export function rerunDocumentPath(p: string, plan: RerunPlan): string {
  const prefix = `policies/${plan.from.run}/`;
  return p.startsWith(prefix) ? `policies/${plan.to.run}/${p.slice(prefix.length)}` : p;
}

/**
 * The version meta for the new run: run/org/course/url_name, the course.xml attributes, the
 * policy.json keyed "course/<run>" and its dates (policy values are exported from block fields,
 * but entries of blocks that were not imported are written back verbatim).
 */
export function rerunMeta(meta: Record<string, unknown>, plan: RerunPlan): Record<string, unknown> {
  const out: Record<string, unknown> = { ...meta };
  const rootName = newRootUrlName(plan);
  if ("run" in out) out.run = plan.to.run;
  if ("org" in out) out.org = plan.to.org;
  if ("course" in out) out.course = plan.to.number;
  if (out.url_name === plan.rootUrlName) out.url_name = rootName;
  if (out.courseXml && typeof out.courseXml === "object") {
    const x = { ...(out.courseXml as Record<string, unknown>) };
    if (x.url_name === plan.rootUrlName) x.url_name = rootName;
    if ("org" in x) x.org = plan.to.org;
    if ("course" in x) x.course = plan.to.number;
    out.courseXml = x;
  }
  if (out.policy && typeof out.policy === "object") {
    const policy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(out.policy as Record<string, unknown>)) {
      const key = k === `course/${plan.rootUrlName}` ? `course/${rootName}` : k;
      policy[key] = v && typeof v === "object" && !Array.isArray(v) ? rerunSettings(v as Record<string, unknown>, plan.days, plan.from, plan.to) : v;
    }
    out.policy = policy;
  }
  for (const k of ["policyPath", "gradingPolicyPath"]) {
    if (typeof out[k] === "string") out[k] = rerunDocumentPath(out[k], plan);
  }
  out.rerunOf = courseKeyOfRun(plan.from);
  out.rerunOffsetDays = plan.days;
  return out;
}
