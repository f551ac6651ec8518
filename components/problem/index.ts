// The problem component's public face: H-lms places <ProblemBlock> in the unit page.
export { ProblemBlock, type ProblemBlockProps } from "./problem-block";
