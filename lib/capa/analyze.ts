// Temporary contract placeholder; replaced in the next commits.
import type { ProblemAnalysis } from "./types";

export function analyzeProblem(_problemXml: string): ProblemAnalysis {
  return { supported: false, reason: "CAPA support is being implemented.", responseTypes: [] };
}
