// Problem score weighting (lms/djangoapps/grades/scores.py weighted_score). PURE.

/**
 * Scales a problem's raw score to its weight: earned × weight / possible out of weight. Without a
 * weight (null/undefined) or with no raw points, the raw values stand. weight 0 gives possible 0,
 * which makes the problem ungraded.
 */
export function weightedScore(rawEarned: number, rawPossible: number, weight: number | null | undefined): { earned: number; possible: number } {
  if (weight === null || weight === undefined || rawPossible === 0) return { earned: rawEarned, possible: rawPossible };
  return { earned: (rawEarned * weight) / rawPossible, possible: weight };
}

/** Reads a `weight` setting as Open edX's Float field would: numbers or numeric strings; anything else is no weight. */
export function parseWeight(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)) && Number(value) >= 0) return Number(value);
  return null;
}
