// annotationresponse: Open edX's AnnotationResponse.get_score and AnnotationInput rules, table by
// table (see lib/capa/annotation.ts for the rules and where they come from).
import { describe, expect, it } from "vitest";
import { analyzeProblem, gradeProblem, renderProblem } from "./index";

const ann = (options: string, extra = "", inputAttrs = "") =>
  `<problem><annotationresponse><annotationinput ${inputAttrs}>${extra}<text>zealous pilgrimage</text><comment>Where is it going?</comment><options>${options}</options></annotationinput></annotationresponse></problem>`;
const opt = (choice: string | null, text: string) => `<option${choice === null ? "" : ` choice="${choice}"`}>${text}</option>`;
const THREE = ann(opt("incorrect", "Verona") + opt("partially-correct", "Venice") + opt("correct", "Nowhere"));
const value = (options: unknown, comment = "a comment") => JSON.stringify({ options, comment });

describe("annotationresponse grading (AnnotationResponse.get_score)", () => {
  it.each<[string, string | undefined, string, number]>([
    ["the correct tag earns 2 of 2", value([2]), "correct", 2],
    ["a partially-correct tag earns 1", value([1]), "partially-correct", 1],
    ["an incorrect tag earns 0", value([0]), "incorrect", 0],
    ["no tag selected", value([]), "incorrect", 0],
    ["two tags selected (only exactly one is graded)", value([2, 1]), "incorrect", 0],
    ["the same tag twice is still two", value([2, 2]), "incorrect", 0],
    ["an index past the options", value([3]), "incorrect", 0],
    ["a negative index", value([-1]), "incorrect", 0],
    ["a string index never equals the int index", value(["2"]), "incorrect", 0],
    ["2.0 equals 2 (Python ==)", `{"options":[2.0]}`, "correct", 2],
    ["true equals 1 (Python ==)", `{"options":[true]}`, "partially-correct", 1],
    ["false equals 0 (Python ==)", `{"options":[false]}`, "incorrect", 0],
    ["null selected", `{"options":[null]}`, "incorrect", 0],
    ["a list selected", `{"options":[[2]]}`, "incorrect", 0],
    ["options that are not a list read as none", `{"options":2}`, "incorrect", 0],
    ["JSON that is not an object reads as no selection", "[2]", "incorrect", 0],
    ["JSON null (Open edX's empty value)", "null", "incorrect", 0],
    ["no comment is needed", `{"options":[2]}`, "correct", 2],
    ["the comment is never graded", value([2], ""), "correct", 2],
    ["a comment that is not text is ignored", `{"options":[2],"comment":5}`, "correct", 2],
    ["an empty answer is no selection", "", "incorrect", 0],
    ["no answer at all", undefined, "incorrect", 0],
  ])("%s", (_name, answer, correctness, earned) => {
    const result = gradeProblem(THREE, answer === undefined ? {} : { "1_2_1": answer });
    expect(result).toEqual({ ok: true, correctness: { "1_2_1": correctness }, earned, possible: 2 });
  });

  it.each(["not json", "{options:[2]}", "{\"options\":[2]", "'x'"])("an answer that is not JSON (%j) is refused: no attempt used", (answer) => {
    expect(gradeProblem(THREE, { "1_2_1": answer })).toMatchObject({ ok: false, error: "student_input_error", message: /could not be read/ });
  });

  it("a list of values is refused", () => {
    expect(gradeProblem(THREE, { "1_2_1": ["2"] })).toMatchObject({ ok: false, error: "student_input_error" });
  });

  it("every annotation input is worth 2 points, whatever its points attribute says", () => {
    const xml = ann(opt("correct", "a") + opt("incorrect", "b"), "", `points="5"`);
    expect(gradeProblem(xml, { "1_2_1": value([0]) })).toEqual({ ok: true, correctness: { "1_2_1": "correct" }, earned: 2, possible: 2 });
    expect(renderProblem(xml).possible).toBe(2);
    // A points value that is not a whole number still fails to load, as in capa's LoncapaResponse.
    expect(analyzeProblem(ann(opt("correct", "a"), "", `points="1.5"`)).supported).toBe(false);
  });

  it("several correct options each earn 2; options from every <options> count, in order", () => {
    const xml = `<problem><annotationresponse><annotationinput><options>${opt("correct", "a")}</options><options>${opt("correct", "b")}${opt("partially-correct", "c")}</options></annotationinput></annotationresponse></problem>`;
    expect(gradeProblem(xml, { "1_2_1": value([1]) })).toMatchObject({ ok: true, earned: 2 });
    expect(gradeProblem(xml, { "1_2_1": value([2]) })).toMatchObject({ ok: true, earned: 1 });
    // Show Answer: the first correct option (_find_option_with_choice).
    expect(renderProblem(xml).correctAnswers["1_2_1"]).toEqual({ kind: "annotation", option: 0, text: "a" });
  });

  it("sits beside other responses: ids and points add up", () => {
    const xml = `<problem><stringresponse answer="x"><textline/></stringresponse><annotationresponse><annotationinput><options>${opt("correct", "a")}</options></annotationinput></annotationresponse></problem>`;
    expect(gradeProblem(xml, { "1_2_1": "x", "1_3_1": value([0]) })).toEqual({
      ok: true,
      correctness: { "1_2_1": "correct", "1_3_1": "correct" },
      earned: 3,
      possible: 3,
    });
  });
});

describe("annotationresponse authoring rules (AnnotationInput._validate_options, allowed inputs)", () => {
  it.each([
    ["an option without choice", ann(opt(null, "a")), /missing its required choice/],
    ["an unknown choice", ann(opt("right", "a")), /invalid choice attribute: right\. Must be one of: correct, partially-correct, incorrect/],
    ["choice is case-sensitive", ann(opt("Correct", "a")), /invalid choice attribute: Correct/],
    ["two annotation inputs in one response", `<problem><annotationresponse><annotationinput/><annotationinput/></annotationresponse></problem>`, /cannot have more than 1 input/],
    ["another input inside", `<problem><annotationresponse><textline/></annotationresponse></problem>`, /cannot have input field textline/],
  ])("%s is an authoring error", (_name, xml, message) => {
    const analysis = analyzeProblem(xml);
    expect(analysis.supported).toBe(false);
    expect(analysis.reason).toMatch(message);
    expect(gradeProblem(xml, { "1_2_1": value([0]) })).toMatchObject({ ok: false, error: "problem_error" });
  });

  it("an exercise with no options loads; nothing can be correct", () => {
    const xml = `<problem><annotationresponse><annotationinput><text>t</text></annotationinput></annotationresponse></problem>`;
    expect(analyzeProblem(xml)).toEqual({ supported: true, responseTypes: ["annotationresponse"] });
    expect(gradeProblem(xml, { "1_2_1": value([0]) })).toMatchObject({ ok: true, earned: 0, possible: 2 });
    expect(renderProblem(xml).correctAnswers).toEqual({});
  });
});

describe("annotationinput render model", () => {
  it("has the passage, comment, prompts and tags, but never the choices", () => {
    const model = renderProblem(
      ann(opt("incorrect", "Verona") + opt("correct", "<b>Nowhere</b>"), "<title>Sonnet 27</title><comment_prompt>Discuss:</comment_prompt><tag_prompt>Where to?</tag_prompt>"),
    );
    expect(model.supported).toBe(true);
    expect(model.inputs).toEqual([
      {
        id: "1_2_1",
        responseId: "1_2",
        responseType: "annotationresponse",
        descriptions: [],
        questionLabel: "Question 1",
        kind: "annotation",
        title: "Sonnet 27",
        text: "zealous pilgrimage",
        comment: "Where is it going?",
        commentPrompt: "Discuss:",
        tagPrompt: "Where to?",
        options: [
          { value: 0, html: "Verona" },
          { value: 1, html: "<b>Nowhere</b>" },
        ],
      },
    ]);
    expect(JSON.stringify(model.inputs)).not.toMatch(/choice|correct/);
    // The input's parts are not repeated as problem text around it.
    expect(JSON.stringify(model.nodes).match(/pilgrimage/g)).toHaveLength(1);
    expect(JSON.stringify(model.nodes)).not.toMatch(/choice/);
    expect(model.correctAnswers).toEqual({ "1_2_1": { kind: "annotation", option: 1, text: "Nowhere" } });
    expect(model.possible).toBe(2);
  });

  it("uses Open edX's defaults for absent parts; a present but empty part stays empty", () => {
    const [input] = renderProblem(`<problem><annotationresponse><annotationinput><title/><options>${opt("correct", "a")}</options></annotationinput></annotationresponse></problem>`).inputs;
    expect(input).toMatchObject({ kind: "annotation", title: "", text: "", comment: "", commentPrompt: "Type a commentary below:", tagPrompt: "Select one tag:" });
    const [untitled] = renderProblem(ann(opt("correct", "a"))).inputs;
    expect(untitled).toMatchObject({ title: "Annotation Exercise" });
  });
});
