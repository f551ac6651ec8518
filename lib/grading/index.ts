// Public face of lib/grading: problem weighting and Open edX's course grader. PURE: imports
// nothing from Next.js or the database.
export { weightedScore, parseWeight } from "./weighted-score";
export {
  gradeCourse,
  parseGradingPolicy,
  subsectionPercent,
  roundHalfEven,
  roundAwayFromZero,
  letterGradeFor,
  passedFor,
  DEFAULT_GRADING_POLICY,
  type GradingPolicy,
  type GraderEntry,
  type SubsectionScore,
  type SectionBreakdownEntry,
  type TypeBreakdown,
  type CourseGradeResult,
} from "./course-grader";
