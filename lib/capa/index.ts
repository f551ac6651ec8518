// Public face of lib/capa: parse an Open edX <problem>, grade an answer set exactly as Open
// edX's capa does, and build a render model. PURE: imports nothing from Next.js, the DB or
// the content store. Server-side only in practice (mathjs is large): hand the JSON render
// model to client components, not this module. HTML strings in the model and in hints are
// author content: sanitize before rendering. NOTES.md lists what is not reproduced yet.
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
export { analyzeProblem, renderVariance, rendersAlikeForEveryLearner, type RenderVariance } from "./analyze";
export { renderProblem } from "./render";
export type { CustomCheckResult } from "./types";
export {
  gradeProblemScripted,
  renderProblemScripted,
  prepareScripted,
  needsPython,
  substituteVariables,
  type PythonRunner,
  type PythonJob,
  type PythonJobResult,
  type ScriptedOptions,
} from "./scripted";
