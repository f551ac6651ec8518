// analyzeProblem: can lib/capa grade this problem, and if not, why (in plain words).
import { CapaError } from "./errors";
import { gradeProblem } from "./grade";
import { loadProblem, needsPythonStatic, RESPONSE_TAGS } from "./problem";
import type { GradeOptions, ProblemAnalysis } from "./types";

/** Response tags in document order, read without any setup (works for broken problems too). */
function responseTypesOf(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<([A-Za-z_][\w.-]*)[\s/>]/g)) if (RESPONSE_TAGS.has(m[1])) out.push(m[1]);
  return out;
}

export { needsPythonStatic, renderVariance, rendersAlikeForEveryLearner, type RenderVariance } from "./problem";

/**
 * Static analysis. A problem that needs Python is analyzed as scripted (its `$name` values and
 * check functions are only known once the script runs, so there is no dry grading): whether its
 * script runs is known per learner, at render/grade time (gradeProblemScripted).
 */
export function analyzeProblem(problemXml: string, options: Pick<GradeOptions, "scripted"> = {}): ProblemAnalysis {
  const scripted = options.scripted ?? needsPythonStatic(problemXml);
  let responseTypes = responseTypesOf(problemXml);
  try {
    const problem = loadProblem(problemXml, { scripted });
    responseTypes = problem.responses.map((r) => r.tag);
    if (problem.unsupported.length > 0) {
      return { supported: false, reason: `This problem cannot be graded here: ${problem.unsupported.join("; ")}.`, responseTypes };
    }
  } catch (e) {
    const message = e instanceof CapaError ? e.message : (e as Error).message;
    return { supported: false, reason: `This problem has an authoring error: ${message}`, responseTypes };
  }
  if (scripted) return { supported: true, responseTypes };
  // Some authoring errors only show when grading (e.g. an unknown partial_credit scheme).
  const dry = gradeProblem(problemXml, {}, { scripted });
  if (!dry.ok && dry.error !== "student_input_error") {
    return { supported: false, reason: `This problem has an authoring error: ${dry.message}`, responseTypes };
  }
  return { supported: true, responseTypes };
}

