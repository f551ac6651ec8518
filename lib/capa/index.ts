// Public face of lib/capa: parse an Open edX <problem>, grade an answer set exactly as Open
// edX's capa does, and build a render model. PURE: imports nothing from Next.js, the DB or
// the content store.
export type {
  Correctness,
  CapaErrorKind,
  GradeOptions,
  GradeResult,
  GradeSuccess,
  GradeFailure,
  ProblemAnalysis,
  ProblemRenderModel,
  RenderNode,
  RenderInput,
  RenderChoice,
  CorrectAnswer,
} from "./types";
export { gradeProblem, feedbackFor } from "./grade";
export { analyzeProblem } from "./analyze";
export { renderProblem } from "./render";
