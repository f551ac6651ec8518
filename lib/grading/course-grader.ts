// The course grader: Open edX's WeightedSubsectionsGrader over AssignmentFormatGraders
// (edx-platform xmodule/graders.py) and CourseGrade's percent/letter/passed rules
// (lms/djangoapps/grades/course_grade.py). PURE: no Next.js, no database.
// Float arithmetic follows Python's order of operations so results match to the last bit.

/** One policy entry of grading_policy.json's GRADER list. */
export interface GraderEntry {
  type: string;
  min_count: number | string;
  drop_count: number | string;
  weight?: number | string;
  short_label?: string;
  category?: string;
  section_type?: string;
  show_only_average?: boolean;
  hide_average?: boolean;
  starting_index?: number | string;
}

/** grading_policy.json: { GRADER: [...], GRADE_CUTOFFS: { "Pass": 0.5 } } */
export interface GradingPolicy {
  GRADER: GraderEntry[];
  GRADE_CUTOFFS: Record<string, number>;
}

/** A subsection's (sequential's) graded totals, in course order. */
export interface SubsectionScore {
  /** The subsection's `format` (assignment type name in the policy). */
  type: string | null | undefined;
  earned: number;
  possible: number;
  /** The subsection's `graded` setting (default true here: callers pass false explicitly). */
  graded?: boolean;
  label?: string;
  /** Caller's id for the subsection (usage key), echoed in the breakdown. */
  id?: string;
}

export interface SectionBreakdownEntry {
  /** rounded subsection percent (0..1), 0 for an unreleased placeholder */
  percent: number;
  /** "HW 01", or the short label alone for single-entry types, or "HW Avg" */
  label: string;
  detail: string;
  category: string;
  /** true for the type's average/total line */
  prominent?: boolean;
  /** true when this score is one of the dropped lowest */
  dropped?: boolean;
  /** id of the subsection (absent for placeholders and averages) */
  id?: string;
  earned?: number;
  possible?: number;
}

export interface TypeBreakdown {
  type: string;
  category: string;
  /** the type's average after drops (0..1) */
  average: number;
  /** average × weight: what the type adds to the raw course percent */
  contribution: number;
  weight: number;
  minCount: number;
  dropCount: number;
  /** number of graded subsections of this type that have points */
  count: number;
  entries: SectionBreakdownEntry[];
}

export interface CourseGradeResult {
  /** Final course percent (0..1), Open edX-rounded to 2 decimals. */
  percent: number;
  /** Σ type average × weight before rounding. */
  rawPercent: number;
  /** null when the percent is below every cutoff. */
  letterGrade: string | null;
  passed: boolean;
  breakdown: Record<string, TypeBreakdown>;
  /** The per-subsection lines (placeholders included), in grader order. */
  sectionBreakdown: SectionBreakdownEntry[];
}

/** Open edX's default policy (xmodule/course_block.py) for courses that ship none. */
export const DEFAULT_GRADING_POLICY: GradingPolicy = {
  GRADER: [
    { type: "Homework", min_count: 12, drop_count: 2, short_label: "HW", weight: 0.15 },
    { type: "Lab", min_count: 12, drop_count: 2, weight: 0.15 },
    { type: "Midterm Exam", short_label: "Midterm", min_count: 1, drop_count: 0, weight: 0.3 },
    { type: "Final Exam", short_label: "Final", min_count: 1, drop_count: 0, weight: 0.4 },
  ],
  GRADE_CUTOFFS: { Pass: 0.5 },
};

/** numpy.around(x, decimals): scale, round half to even, unscale (the same float steps). */
export function roundHalfEven(x: number, decimals = 2): number {
  const scale = 10 ** decimals;
  const y = x * scale;
  const floor = Math.floor(y);
  const diff = y - floor;
  let r: number;
  if (diff > 0.5) r = floor + 1;
  else if (diff < 0.5) r = floor;
  else r = floor % 2 === 0 ? floor : floor + 1;
  return r / scale;
}

/** openedx/core/lib/grade_utils.py round_away_from_zero. */
export function roundAwayFromZero(x: number, digits = 0): number {
  const p = 10 ** digits;
  const r = x >= 0 ? Math.trunc(x * p + 0.5) / p : Math.trunc(x * p - 0.5) / p;
  return r === 0 ? 0 : r; // no negative zero
}

/** grades/scores.py compute_percent: earned/possible rounded to 2 decimals, 0 without points. */
export function subsectionPercent(earned: number, possible: number): number {
  return possible > 0 ? roundHalfEven(earned / possible, 2) : 0;
}

function toInt(v: unknown, name: string, type: string): number {
  // Python int(): accepts ints and integer strings ("12"); rejects anything else.
  const n = typeof v === "string" && /^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n)) {
    throw new Error(`Grading policy entry "${type}": ${name} must be an integer (got ${JSON.stringify(v)})`);
  }
  return n;
}

function toWeight(v: unknown, type: string): number {
  if (v === undefined || v === null) return 0;
  const n = typeof v === "string" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n)) throw new Error(`Grading policy entry "${type}": weight must be a number`);
  return n;
}

/** Validates a grading_policy.json value (as stored) into a GradingPolicy; throws with a clear message. */
export function parseGradingPolicy(value: unknown): GradingPolicy {
  if (value === null || value === undefined) return DEFAULT_GRADING_POLICY;
  if (typeof value !== "object" || Array.isArray(value)) throw new Error("Grading policy must be an object with GRADER and GRADE_CUTOFFS");
  const v = value as Record<string, unknown>;
  const grader = v.GRADER ?? DEFAULT_GRADING_POLICY.GRADER;
  const cutoffs = v.GRADE_CUTOFFS ?? DEFAULT_GRADING_POLICY.GRADE_CUTOFFS;
  if (!Array.isArray(grader)) throw new Error("Grading policy GRADER must be a list");
  if (typeof cutoffs !== "object" || cutoffs === null || Array.isArray(cutoffs)) throw new Error("Grading policy GRADE_CUTOFFS must be an object");
  const entries: GraderEntry[] = grader.map((e, i) => {
    if (typeof e !== "object" || e === null) throw new Error(`Grading policy GRADER[${i}] must be an object`);
    const entry = e as Record<string, unknown>;
    if (typeof entry.type !== "string") throw new Error(`Grading policy GRADER[${i}] has no type`);
    // Open edX picks the grader class by the presence of min_count; without it the policy is invalid.
    if (!("min_count" in entry)) throw new Error(`Grading policy entry "${entry.type}": min_count is required`);
    if (!("drop_count" in entry)) throw new Error(`Grading policy entry "${entry.type}": drop_count is required`);
    return entry as unknown as GraderEntry;
  });
  const cut: Record<string, number> = {};
  for (const [k, c] of Object.entries(cutoffs as Record<string, unknown>)) {
    const n = typeof c === "string" ? Number(c) : c;
    if (typeof n !== "number" || !Number.isFinite(n)) throw new Error(`Grade cutoff "${k}" must be a number`);
    cut[k] = n;
  }
  return { GRADER: entries, GRADE_CUTOFFS: cut };
}

function pct0(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function fmtNum(x: number): string {
  // Python's {:.3n}: three significant digits, no trailing zeros.
  return String(Number(x.toPrecision(3)));
}

/** AssignmentFormatGrader.grade for one policy entry. */
function gradeType(entry: GraderEntry, scores: SubsectionScore[]): { percent: number; entries: SectionBreakdownEntry[] } {
  const minCount = toInt(entry.min_count, "min_count", entry.type);
  const dropCount = toInt(entry.drop_count, "drop_count", entry.type);
  const category = entry.category || entry.type;
  const sectionType = entry.section_type || entry.type;
  const shortLabel = entry.short_label || entry.type;
  const startingIndex = entry.starting_index === undefined ? 1 : toInt(entry.starting_index, "starting_index", entry.type);
  const breakdown: SectionBreakdownEntry[] = [];
  const n = Math.max(minCount, scores.length);
  for (let i = 0; i < n; i++) {
    const index = i + startingIndex;
    const label = `${shortLabel} ${String(index).padStart(2, "0")}`;
    if (i < scores.length) {
      const s = scores[i];
      const percent = subsectionPercent(s.earned, s.possible);
      breakdown.push({
        percent,
        label,
        detail: `${sectionType} ${index} - ${s.label ?? ""} - ${pct0(percent)} (${fmtNum(s.earned)}/${fmtNum(s.possible)})`,
        category,
        id: s.id,
        earned: s.earned,
        possible: s.possible,
      });
    } else {
      breakdown.push({ percent: 0, label, detail: `${sectionType} ${index} Unreleased - 0% (?/?)`, category });
    }
  }

  // total_with_drops: a stable sort by percent descending; the last drop_count are dropped.
  const sorted = breakdown.map((b, i) => ({ i, p: b.percent })).sort((a, b) => b.p - a.p);
  const dropped = new Set(dropCount > 0 ? sorted.slice(-dropCount).map((x) => x.i) : []);
  let aggregate = 0;
  breakdown.forEach((b, i) => {
    if (!dropped.has(i)) aggregate += b.percent;
  });
  if (breakdown.length - dropCount > 0) aggregate /= breakdown.length - dropCount;
  for (const i of dropped) breakdown[i].dropped = true;

  let entries: SectionBreakdownEntry[];
  if (breakdown.length === 1) {
    // One entry: a single line labelled with the short label alone, no separate average.
    entries = [{ ...breakdown[0], percent: aggregate, label: shortLabel, detail: `${sectionType} = ${pct0(aggregate)}`, category, prominent: true }];
  } else {
    entries = entry.show_only_average ? [] : breakdown;
    if (!entry.hide_average) {
      entries = [...entries, { percent: aggregate, label: `${shortLabel} Avg`, detail: `${sectionType} Average = ${pct0(aggregate)}`, category, prominent: true }];
    }
  }
  return { percent: aggregate, entries };
}

/**
 * Grades a course from its subsections' totals, exactly as Open edX does: only graded subsections
 * with points count, bucketed by format; each type pads to min_count with 0% placeholders, drops
 * its drop_count lowest, averages; the course percent is Σ average × weight (weights are not
 * normalised), rounded with the +0.05 offset; then the letter grade and passed state.
 */
export function gradeCourse(policyInput: GradingPolicy | unknown, subsections: readonly SubsectionScore[]): CourseGradeResult {
  const policy = parseGradingPolicy(policyInput);
  const byType = new Map<string, SubsectionScore[]>();
  for (const s of subsections) {
    if (s.graded === false || !s.type) continue;
    if (!(s.possible > 0)) continue;
    const list = byType.get(s.type) ?? [];
    list.push(s);
    byType.set(s.type, list);
  }

  let raw = 0;
  const breakdown: Record<string, TypeBreakdown> = {};
  const sectionBreakdown: SectionBreakdownEntry[] = [];
  for (const entry of policy.GRADER) {
    const weight = toWeight(entry.weight, entry.type);
    const scores = byType.get(entry.type) ?? [];
    const { percent, entries } = gradeType(entry, scores);
    const contribution = percent * weight;
    raw += contribution;
    sectionBreakdown.push(...entries);
    // Keyed by category as Open edX's grade_breakdown is (a later entry of the same category wins).
    const category = entry.category || entry.type;
    breakdown[category] = {
      type: entry.type,
      category,
      average: percent,
      contribution,
      weight,
      minCount: toInt(entry.min_count, "min_count", entry.type),
      dropCount: toInt(entry.drop_count, "drop_count", entry.type),
      count: scores.length,
      entries,
    };
  }

  // TNL-6972: the +0.05 makes x.45% round up to the next whole percent-hundredth boundary.
  const percent = roundAwayFromZero(raw * 100 + 0.05) / 100;
  return {
    percent,
    rawPercent: raw,
    letterGrade: letterGradeFor(policy.GRADE_CUTOFFS, percent),
    passed: passedFor(policy.GRADE_CUTOFFS, percent),
    breakdown,
    sectionBreakdown,
  };
}

/** First cutoff (highest first) that the percent reaches; null below all of them. */
export function letterGradeFor(cutoffs: Record<string, number>, percent: number): string | null {
  const ordered = Object.keys(cutoffs).sort((a, b) => cutoffs[b] - cutoffs[a]);
  for (const k of ordered) if (percent >= cutoffs[k]) return k;
  return null;
}

/** Passed = percent ≥ the smallest non-zero cutoff (never passed without one). */
export function passedFor(cutoffs: Record<string, number>, percent: number): boolean {
  const nonzero = Object.values(cutoffs).filter((c) => c > 0);
  if (nonzero.length === 0) return false;
  return percent >= Math.min(...nonzero);
}
