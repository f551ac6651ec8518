// Temporary contract placeholder; replaced in the next commits.
import type { GradeOptions, ProblemRenderModel } from "./types";

export function renderProblem(_problemXml: string, options: GradeOptions = {}): ProblemRenderModel {
  return {
    problemId: options.problemId ?? "1",
    seed: options.seed ?? 1,
    supported: false,
    reason: "CAPA support is being implemented.",
    responseTypes: [],
    nodes: [],
    inputs: [],
    solutions: [],
    demandHints: [],
    correctAnswers: {},
    possible: 0,
  };
}
