// The unit page's problem component for each audience: a Python script that fails shows course
// staff its author message and learners a neutral notice, also when the problem renders alike for
// every learner (then its unit is one shared render per audience: lib/lms/page-cache.ts).
import { isValidElement, type ReactNode } from "react";
import { afterAll, describe, expect, it } from "vitest";
import { ProblemBlock } from "@/components/problem/problem-block";
import { UnsupportedProblem } from "@/components/problem/unsupported-problem";
import { rendersAlikeForEveryLearner } from "@/lib/capa/problem";
import { closeDb } from "@/lib/db";
import { PROBLEM_UNAVAILABLE } from "@/lib/problems";
import { getSandbox } from "@/lib/sandbox/pool";
import { createCourse } from "./problems-helpers";

afterAll(async () => {
  await getSandbox().close();
  await closeDb();
});

/** Every string in a rendered element tree, in order. */
function textOf(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join(" ");
  if (isValidElement<{ children?: ReactNode }>(node)) {
    // the notice is a component of its own (the client's render of a problem uses it too)
    if (node.type === UnsupportedProblem) return textOf(UnsupportedProblem(node.props as { reason?: string }));
    return textOf(node.props.children);
  }
  return "";
}

const BROKEN = `<problem><script type="loncapa/python">n = 1/0</script><p>$n</p>
<customresponse cfn="check"><textline/></customresponse></problem>`;

describe("ProblemBlock", () => {
  it("a failing script that renders alike: staff pages show the author message, learner pages a neutral notice", async () => {
    expect(rendersAlikeForEveryLearner(BROKEN)).toBe(true);
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "bad", xml: BROKEN }] }] });
    const props = { courseId: c.courseId, courseKey: c.courseKey, usageKey: c.key("bad"), definitionXml: BROKEN, settings: {} };
    const learner = textOf(await ProblemBlock({ ...props, staffView: false }));
    expect(learner).toContain(PROBLEM_UNAVAILABLE);
    expect(learner).not.toMatch(/ZeroDivisionError/);
    const staff = textOf(await ProblemBlock({ ...props, staffView: true }));
    expect(staff).toMatch(/ZeroDivisionError/);
    expect(staff).not.toContain(PROBLEM_UNAVAILABLE);
  }, 120_000);
});
