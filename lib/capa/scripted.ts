// Python-scripted problems: run the problem's <script type="loncapa/python"> (and its
// customresponse check functions) in a sandbox, substitute `$name` values into the problem's
// text and attributes, then grade/render with the ordinary capa code. lib/capa stays pure: the
// caller passes the sandbox (lib/sandbox's pool) as `PythonRunner`.
import { XMLSerializer } from "@xmldom/xmldom";
import { needsPythonStatic } from "./analyze";
import { gradeProblem } from "./grade";
import { INPUT_TAGS, RESPONSE_TAGS } from "./problem";
import { renderProblem } from "./render";
import type { CustomCheckResult, GradeOptions, GradeResult, ProblemRenderModel } from "./types";
import { attr, descendants, isElement, parseXml, textContent, type XElement, type XNode } from "./xml";

export interface PythonCheck {
  id: string;
  cfn?: string | null;
  expect?: string | null;
  options?: string | null;
  cfn_extra_args?: string | null;
  code?: string | null;
  idset: string[];
  submission: (string | string[])[];
  answers?: Record<string, string | string[]>;
}

export interface PythonJob {
  script: string;
  seed: number;
  anonymous_student_id?: string;
  checks?: PythonCheck[];
}

export type PythonJobResult =
  | { ok: true; strings: Record<string, string>; context: Record<string, unknown>; results: CustomCheckResult[] }
  | { ok: false; stage: "script" | "sandbox"; message: string };

export interface PythonRunner {
  run(job: PythonJob, pythonLib?: Uint8Array | null): Promise<PythonJobResult>;
}

export interface ScriptedOptions extends GradeOptions {
  runner: PythonRunner;
  /** The course's python_lib.zip (static asset), when it has one. */
  pythonLib?: Uint8Array | null;
  anonymousStudentId?: string;
}

const isPythonScript = (e: XElement) => e.tagName === "script" && (attr(e, "type") ?? "").toLowerCase().includes("python");

/** Does this problem need Python (a python <script> or a customresponse)? */
export const needsPython = needsPythonStatic;

/** capa contextualize_text over the DOM: `$name` → str(value), longest names first; scripts untouched. */
export function substituteVariables(root: XElement, strings: Record<string, string>): void {
  const keys = Object.keys(strings).sort((a, b) => b.length - a.length);
  const apply = (text: string) => {
    if (!text.includes("$")) return text;
    for (const k of keys) if (text.includes(`$${k}`)) text = text.split(`$${k}`).join(strings[k]);
    return text;
  };
  const walk = (n: XNode) => {
    if (isElement(n)) {
      if (n.tagName === "script" || (n.tagName === "answer" && (attr(n, "type") ?? "").includes("python"))) return;
      for (const a of Array.from(n.attributes)) {
        const v = apply(a.value);
        if (v !== a.value) n.setAttribute(a.name, v);
      }
      Array.from(n.childNodes).forEach(walk);
    } else if (n.nodeValue && n.nodeValue.includes("$")) {
      n.nodeValue = apply(n.nodeValue);
    }
  };
  walk(root);
}

function customChecks(root: XElement, problemId: string, answers: Record<string, string | string[]>): PythonCheck[] {
  const checks: PythonCheck[] = [];
  descendants(root, (e) => RESPONSE_TAGS.has(e.tagName)).forEach((el, k) => {
    if (el.tagName !== "customresponse") return;
    const id = `${problemId}_${k + 2}`;
    const idset = descendants(el, (e) => INPUT_TAGS.has(e.tagName))
      .map((_, j) => `${id}_${j + 1}`)
      .sort((a, b) => Number(a.split("_").pop()) - Number(b.split("_").pop()));
    const submission = idset.map((i) => answers[i] ?? "");
    if (idset.length === 1 && (submission[0] === "" || (Array.isArray(submission[0]) && submission[0].length === 0))) return;
    const cfn = attr(el, "cfn");
    let code: string | null = null;
    if (!cfn) {
      const answer = Array.from(el.childNodes).find((c): c is XElement => isElement(c) && c.tagName === "answer");
      code = answer ? textContent(answer) : Array.from(el.childNodes).filter((c) => !isElement(c)).map((c) => c.nodeValue ?? "").join("");
    }
    checks.push({
      id,
      cfn,
      code: code === null ? null : dedent(code),
      expect: attr(el, "expect") ?? attr(el, "answer"),
      options: attr(el, "options"),
      cfn_extra_args: attr(el, "cfn_extra_args"),
      idset,
      submission,
      answers,
    });
  });
  return checks;
}

/** Author code inside XML is often indented as a block: remove the common indentation. */
function dedent(code: string): string {
  const lines = code.replace(/\r\n?/g, "\n").split("\n");
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join("\n");
}

export type PreparedProblem =
  | { ok: true; xml: string; results: Record<string, CustomCheckResult> }
  | { ok: false; authorMessage: string };

/** Run the problem's Python for this learner (seed) and return the substituted problem XML. */
export async function prepareScripted(
  xml: string,
  answers: Record<string, string | string[]>,
  options: ScriptedOptions,
): Promise<PreparedProblem> {
  let root: XElement;
  try {
    root = parseXml(xml.replace(/startouttext\s*\//g, "text").replace(/endouttext\s*\//g, "/text"));
  } catch (e) {
    return { ok: false, authorMessage: (e as Error).message };
  }
  const problemId = options.problemId ?? "1";
  const script = descendants(root, isPythonScript)
    .map((s) => dedent(textContent(s)))
    .join("\n");
  const checks = customChecks(root, problemId, answers);
  const out = await options.runner.run(
    { script, seed: options.seed ?? 1, anonymous_student_id: options.anonymousStudentId ?? "", checks },
    options.pythonLib ?? null,
  );
  if (!out.ok) {
    return { ok: false, authorMessage: `The problem's Python ${out.stage === "script" ? "script failed" : "sandbox failed"}: ${out.message}` };
  }
  substituteVariables(root, out.strings);
  const results: Record<string, CustomCheckResult> = {};
  checks.forEach((c, i) => (results[c.id] = out.results[i]));
  return { ok: true, xml: new XMLSerializer().serializeToString(root as never), results };
}

/** gradeProblem for any problem; Python-scripted ones run their code in `options.runner`. */
export async function gradeProblemScripted(
  xml: string,
  answers: Record<string, string | string[]>,
  options: ScriptedOptions,
): Promise<GradeResult> {
  const { runner: _runner, pythonLib: _lib, anonymousStudentId: _anon, ...gradeOptions } = options;
  if (!needsPython(xml)) return gradeProblem(xml, answers, gradeOptions);
  const prepared = await prepareScripted(xml, answers, options);
  if (!prepared.ok) return { ok: false, error: "problem_error", message: prepared.authorMessage };
  return gradeProblem(prepared.xml, answers, { ...gradeOptions, scripted: true, customResults: prepared.results });
}

/** renderProblem with `$name` values; a failing script gives an unsupported model with the author message. */
export async function renderProblemScripted(xml: string, options: ScriptedOptions): Promise<ProblemRenderModel> {
  const { runner: _runner, pythonLib: _lib, anonymousStudentId: _anon, ...renderOptions } = options;
  if (!needsPython(xml)) return renderProblem(xml, renderOptions);
  const prepared = await prepareScripted(xml, {}, options);
  if (!prepared.ok) {
    const model = renderProblem(xml, renderOptions);
    return { ...model, supported: false, reason: prepared.authorMessage, nodes: [], inputs: [] };
  }
  return renderProblem(prepared.xml, { ...renderOptions, scripted: true });
}
