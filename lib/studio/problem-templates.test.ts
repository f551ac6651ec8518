// Every problem template grades with lib/capa: its correct answer is graded correct (full
// points) and a wrong one incorrect; markdown templates' OLX is what their markdown converts to,
// and the element for addComponentAction keeps the markdown as an attribute that round-trips.
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { analyzeProblem, gradeProblem, renderProblem } from "@/lib/capa";
import { markdownToOlx, sameOlx } from "./problem-markdown";
import { PROBLEM_TEMPLATES, templateElement } from "./problem-templates";

type Answers = Record<string, string | string[]>;

// Input ids are Open edX's: problem id "1", first response "1_2_1".
const ANSWERS: Record<string, { right: Answers; wrong: Answers }> = {
  "multiple-choice": { right: { "1_2_1": "choice_1" }, wrong: { "1_2_1": "choice_0" } },
  "multiple-choice-hints": { right: { "1_2_1": "choice_1" }, wrong: { "1_2_1": "choice_2" } },
  "multiple-choice-partial": { right: { "1_2_1": "choice_0" }, wrong: { "1_2_1": "choice_2" } },
  checkboxes: { right: { "1_2_1": ["choice_0", "choice_3"] }, wrong: { "1_2_1": ["choice_0", "choice_1"] } },
  "checkboxes-hints": { right: { "1_2_1": ["choice_0", "choice_3"] }, wrong: { "1_2_1": ["choice_1"] } },
  "checkboxes-partial": { right: { "1_2_1": ["choice_0", "choice_1", "choice_3"] }, wrong: { "1_2_1": ["choice_2"] } },
  dropdown: { right: { "1_2_1": "the correct answer" }, wrong: { "1_2_1": "an incorrect answer" } },
  "dropdown-hints": { right: { "1_2_1": "the correct answer" }, wrong: { "1_2_1": "an incorrect answer" } },
  numerical: { right: { "1_2_1": "103" }, wrong: { "1_2_1": "106" } },
  "numerical-hints": { right: { "1_2_1": "96" }, wrong: { "1_2_1": "94" } },
  "numerical-range": { right: { "1_2_1": "6.5" }, wrong: { "1_2_1": "7" } },
  "text-input": { right: { "1_2_1": "The Correct Answer" }, wrong: { "1_2_1": "an incorrect answer" } },
  "text-input-hints": { right: { "1_2_1": "optional acceptable variant of the correct answer" }, wrong: { "1_2_1": "optional incorrect answer such as a frequent misconception" } },
  "text-input-regexp": { right: { "1_2_1": "Dr. Martin Luther King Jr." }, wrong: { "1_2_1": "Malcolm X" } },
  "math-expression": { right: { "1_2_1": "R_2*R_1/R_3" }, wrong: { "1_2_1": "R_1*R_3/R_2" } },
  "true-false": { right: { "1_2_1": ["choice_0", "choice_2"] }, wrong: { "1_2_1": ["choice_0"] } },
};

describe("problem templates", () => {
  it("cover every response type lib/capa grades", () => {
    const types = new Set(PROBLEM_TEMPLATES.map((t) => t.responseType));
    for (const t of ["multiplechoiceresponse", "choiceresponse", "optionresponse", "numericalresponse", "stringresponse", "formularesponse", "truefalseresponse"]) {
      expect(types, t).toContain(t);
    }
    expect(new Set(PROBLEM_TEMPLATES.map((t) => t.id)).size).toBe(PROBLEM_TEMPLATES.length);
    expect(Object.keys(ANSWERS).sort()).toEqual(PROBLEM_TEMPLATES.map((t) => t.id).sort());
  });

  it.each(PROBLEM_TEMPLATES.map((t) => [t.id, t] as const))("%s grades its correct answer correct and a wrong one incorrect", (id, t) => {
    expect(analyzeProblem(t.olx)).toMatchObject({ supported: true, responseTypes: [t.responseType] });
    const model = renderProblem(t.olx);
    expect(model.inputs.map((i) => i.id)).toEqual(["1_2_1"]);
    const right = gradeProblem(t.olx, ANSWERS[id].right);
    expect(right.ok && right.correctness["1_2_1"]).toBe("correct");
    expect(right.ok && right.earned).toBe(right.ok && right.possible);
    const wrong = gradeProblem(t.olx, ANSWERS[id].wrong);
    expect(wrong.ok && wrong.correctness["1_2_1"]).toBe("incorrect");
    expect(wrong.ok && wrong.earned).toBe(0);
    expect(t.name.length).toBeGreaterThan(0);
    expect(t.description.length).toBeGreaterThan(0);
  });

  it("markdown templates are exactly their markdown's conversion", () => {
    const withMarkdown = PROBLEM_TEMPLATES.filter((t) => t.markdown !== null);
    expect(withMarkdown.length).toBeGreaterThanOrEqual(10);
    for (const t of withMarkdown) expect(sameOlx(t.olx, markdownToOlx(t.markdown!)), t.id).toBe(true);
  });

  it("the element for a new component carries the display name and the markdown, newlines intact", () => {
    for (const t of PROBLEM_TEMPLATES) {
      const el = new DOMParser().parseFromString(templateElement(t), "text/xml").documentElement!;
      expect(el.tagName).toBe("problem");
      expect(el.getAttribute("display_name")).toBe(t.name);
      if (t.markdown === null) expect(el.hasAttribute("markdown")).toBe(false);
      else expect(el.getAttribute("markdown")).toBe(t.markdown);
    }
  });

  it("hint templates give their feedback when graded", () => {
    const mc = PROBLEM_TEMPLATES.find((t) => t.id === "multiple-choice-hints")!;
    const graded = gradeProblem(mc.olx, { "1_2_1": "choice_0" });
    expect(graded.ok && graded.hints?.["1_2_1"]).toContain("You can specify optional feedback like this");
    expect(renderProblem(mc.olx).demandHints).toHaveLength(2);
  });
});
