// Public face of lib/problems: the server-side learner-problem service (submit, reset, show
// answer, hints, staff reset and rescore) and the problem rules it enforces.
export {
  submitAnswer,
  resetProblem,
  resetLearnerAttempts,
  refreshLearnerGrades,
  rescoreLearner,
  showAnswer,
  getDemandHint,
  getProblemStaticView,
  getProblemView,
  learnerProblemStaticView,
  PROBLEM_UNAVAILABLE,
  loadProblem,
  validateAnswers,
  MAX_ANSWER_CHARS,
  MAX_ANSWERS_TOTAL_CHARS,
  type Answers,
  type SubmitResult,
  type AnswerReveal,
  type ProblemView,
  type LoadedProblem,
} from "./service";
export { startRescoreJob, runRescoreJob, RESCORE_JOB_KIND } from "./rescore";
export { getCourseStructure, type CourseStructure, type SubsectionInfo, type GradedProblem } from "./structure";
export { computeLearnerGrades, persistLearnerGrades, type SubsectionGradeView, type ProblemScoreView } from "./learner-grades";
export * from "./rules";
