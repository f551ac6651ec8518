// Table-driven grading tests built from the rules in /work/shared/docs/capa.md.
import { describe, expect, it } from "vitest";
import { analyzeProblem, feedbackFor, gradeProblem, type GradeResult } from "./index";

const P = (body: string, attrs = "") => `<problem ${attrs}>${body}</problem>`;
const tol = (t: string) => `<responseparam type="tolerance" default="${t}"/>`;
const num = (answer: string, extra = "", attrs = "") =>
  P(`<numericalresponse answer="${answer}" ${attrs}>${extra}<formulaequationinput/></numericalresponse>`);
const str = (answer: string, type: string | null, extra = "") =>
  P(`<stringresponse answer="${answer}"${type === null ? "" : ` type="${type}"`}>${extra}<textline size="20"/></stringresponse>`);

type Expect =
  | { c: "correct" | "partially-correct" | "incorrect"; earned?: number; possible?: number }
  | { error: "student_input_error" | "response_error" | "problem_error"; message?: string | RegExp };

function check(result: GradeResult, expected: Expect, id = "1_2_1") {
  if ("error" in expected) {
    expect(result.ok, JSON.stringify(result)).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe(expected.error);
    if (expected.message instanceof RegExp) expect(result.message).toMatch(expected.message);
    else if (expected.message) expect(result.message).toBe(expected.message);
    return;
  }
  expect(result.ok, JSON.stringify(result)).toBe(true);
  if (!result.ok) return;
  expect(result.correctness[id]).toBe(expected.c);
  const defaultEarned = expected.c === "correct" ? 1 : expected.c === "incorrect" ? 0 : undefined;
  const earned = expected.earned ?? defaultEarned;
  if (earned !== undefined) expect(result.earned).toBeCloseTo(earned, 10);
  if (expected.possible !== undefined) expect(result.possible).toBe(expected.possible);
}

type Row = [string, string, string | string[] | undefined, Expect];
const run = (rows: Row[]) =>
  it.each(rows)("%s", (_name, xml, answer, expected) => {
    check(gradeProblem(xml, answer === undefined ? {} : { "1_2_1": answer }), expected);
  });

const C = { c: "correct" } as const;
const I = { c: "incorrect" } as const;
const half = { c: "partially-correct", earned: 0.5 } as const;
const SIE = (message?: string | RegExp): Expect => ({ error: "student_input_error", message });
const PE = (message?: string | RegExp): Expect => ({ error: "problem_error", message });

describe("numericalresponse", () => {
  run([
    ["exact integer", num("5"), "5", C],
    ["default tolerance: just inside 0.001% (relative)", num("100"), "100.001", C],
    ["default tolerance: just outside", num("100"), "100.0011", I],
    ["default tolerance is relative to the larger value", num("0"), "0.0000001", I],
    ["expression 2*3", num("6"), "2*3", C],
    ["expression 1/3 against 0.33333: just inside the default tolerance", num("0.33333"), "1/3", C],
    ["expression 1/3 against 0.3333: outside the default tolerance", num("0.3333"), "1/3", I],
    ["staff answer may be an expression (1/3)", num("1/3"), "0.3333333", C],
    ["expression 2^10", num("1024"), "2^10", C],
    ["expression 4% is 0.04", num("0.04"), "4%", C],
    ["expression sqrt(16)", num("4"), "sqrt(16)", C],
    ["expression 2*pi", num("6.283185"), "2*pi", C],
    ["-2^2 is -4", num("-4"), "-2^2", C],
    ["parallel operator", num("0.5"), "1||1", C],
    ["constants are case-insensitive", num("3.14159265"), "PI", C],
    ["absolute tolerance: boundary inclusive (Decimal)", num("4", tol("0.1")), "4.1", C],
    ["absolute tolerance: below boundary", num("4", tol("0.1")), "3.9", C],
    ["absolute tolerance: just outside", num("4", tol("0.1")), "4.11", I],
    ["absolute tolerance 5 (demo problem)", num("600", tol("5")), "605", C],
    ["absolute tolerance 5, outside", num("600", tol("5")), "605.5", I],
    ["tolerance attribute is stripped", num("600", tol(" 5 ")), "595", C],
    ["tolerance may be an expression", num("4", tol("1/10")), "4.1", C],
    ["percent tolerance: at the edge", num("100", tol("10%")), "110", C],
    ["percent tolerance: just over", num("100", tol("10%")), "110.01", I],
    ["percent tolerance: lower edge", num("100", tol("10%")), "90", C],
    ["percent tolerance is of the answer only", num("10", tol("50%")), "15", C],
    ["percent tolerance is of the answer only (outside)", num("10", tol("50%")), "15.0001", I],
    ["range [5, 7): closed low end", num("[5, 7)"), "5", C],
    ["range [5, 7): open high end", num("[5, 7)"), "7", I],
    ["range [5, 7): inside", num("[5, 7)"), "6.999", C],
    ["range [5, 7): below", num("[5, 7)"), "4.999", I],
    ["range (5, 7]: open low end", num("(5,7]"), "5", I],
    ["range (5, 7]: closed high end", num("(5,7]"), "7", C],
    ["range (5, 7]: above", num("(5,7]"), "7.001", I],
    ["range endpoints are expressions", num("[1/2, 2^2]"), "4", C],
    ["range ignores the tolerance", num("[5,7]", tol("10")), "8", I],
    ["range accepts an expression input", num("[5,7]"), "12/2", C],
    ["complex input in a range is refused", num("[5,7]"), "6+j", SIE("You may not use complex numbers in range tolerance problems")],
    ["range close partial credit: widened interval", num("[5,7]", "", `partial_credit="close"`), "10", half],
    ["range close partial credit: outside the widened interval", num("[5,7]", "", `partial_credit="close"`), "11", I],
    ["complex answer", num("1+2j"), "1+2*j", C],
    ["complex answer with i", num("1+2j"), "1+2*i", C],
    ["complex answer, wrong imaginary part", num("1+2j"), "1+2.1*j", I],
    ["additional answer", num("5", `<additional_answer answer="7"/>`), "7", C],
    ["additional answer is exact (no tolerance)", num("5", `<additional_answer answer="7"/>`), "7.00001", I],
    ["main answer keeps its tolerance", num("5", `<additional_answer answer="7"/>`), "5.00001", C],
    ["empty input is graded incorrect, not rejected", num("5"), "", I],
    ["no answer for the input is incorrect", num("5"), undefined, I],
    ["unknown variable rejects the submission", num("5"), "x+1", SIE("Invalid Input: x not permitted in answer as a variable")],
    ["unmatched parenthesis", num("5"), "(1", SIE(/Parentheses are unmatched/)],
    ["parse error", num("5"), "4 four", SIE("Invalid math syntax: '4 four'")],
    ["factorial operator is a parse error", num("6"), "3!", SIE("Invalid math syntax: '3!'")],
    ["SI suffix is a parse error", num("5000"), "5k", SIE("Invalid math syntax: '5k'")],
    ["implicit multiplication is a parse error", num("6.28"), "2pi", SIE("Invalid math syntax: '2pi'")],
    ["division by zero", num("5"), "1/0", SIE("Could not interpret '1/0' as a number.")],
    ["factorial outside its domain", num("5"), "fact(-1)", SIE("Factorial function evaluated outside its domain:'fact(-1)'")],
    ["message escapes the learner's input", num("5"), "<b>", SIE("Invalid math syntax: '&lt;b&gt;'")],
    ["close partial credit within 2x tolerance", num("10", tol("1"), `partial_credit="close"`), "11.5", half],
    ["close partial credit outside 2x tolerance", num("10", tol("1"), `partial_credit="close"`), "12.5", I],
    ["close partial_range=3", num("10", `${tol("1")}<responseparam partial_range="3"/>`, `partial_credit="close"`), "12.5", half],
    ["list partial credit", num("2", `<responseparam partial_answers="1, 8"/>`, `partial_credit="list"`), "8", half],
    ["list partial credit, other value", num("2", `<responseparam partial_answers="1, 8"/>`, `partial_credit="list"`), "3", I],
    ["close+list: close to a partial answer gives 0.25",
      num("10", `${tol("1")}<responseparam partial_answers="20"/>`, `partial_credit="close,list"`), "21.5",
      { c: "partially-correct", earned: 0.25 }],
    ["close+list: close to the answer gives 0.5",
      num("10", `${tol("1")}<responseparam partial_answers="20"/>`, `partial_credit="list, close"`), "11.5", half],
    ["unknown partial credit scheme", num("10", "", `partial_credit="bogus"`), "10", PE("partial_credit attribute should be one of: list,close")],
    ["bad staff answer", num("abc"), "5", SIE("There was a problem with the staff answer to this problem.")],
    ["points attribute counts in possible but a correct input earns 1",
      P(`<numericalresponse answer="5"><formulaequationinput points="3"/></numericalresponse>`), "5", { c: "correct", earned: 1, possible: 3 }],
  ]);

  it("one malformed input rejects the whole submission", () => {
    const xml = P(
      `<numericalresponse answer="5"><formulaequationinput/></numericalresponse><numericalresponse answer="6"><formulaequationinput/></numericalresponse>`,
    );
    check(gradeProblem(xml, { "1_2_1": "5", "1_3_1": "six" }), SIE(/six not permitted/));
    const ok = gradeProblem(xml, { "1_2_1": "5", "1_3_1": "7" });
    expect(ok).toEqual({ ok: true, correctness: { "1_2_1": "correct", "1_3_1": "incorrect" }, earned: 1, possible: 2 });
  });
});

describe("stringresponse", () => {
  run([
    ["case-sensitive by default", str("Michigan", null), "Michigan", C],
    ["case-sensitive by default: other case", str("Michigan", null), "michigan", I],
    ["cs type", str("Michigan", "cs"), "michigan", I],
    ["ci type", str("Michigan", "ci"), "MICHIGAN", C],
    ["learner input is stripped", str("Michigan", null), "  Michigan ", C],
    ["internal whitespace matters", str("Michigan", "ci"), "Mich igan", I],
    ["staff answer is stripped", str(" Michigan ", null), "Michigan", C],
    ["empty input is incorrect", str("Michigan", "ci"), "", I],
    ["blank input is incorrect", str("Michigan", "ci"), "   ", I],
    ["no numeric normalisation", str("4", "ci"), "4.0", I],
    ["additional answer", str("Doc", "ci", `<additional_answer answer="Sleepy"/>`), "sleepy", C],
    ["old-style additional answer text", str("Doc", "ci", `<additional_answer>Dopey</additional_answer>`), "Dopey", C],
    ["legacy _or_", str("cat_or_dog", "ci"), "DOG", C],
    ["legacy _or_ ignores additional answers", str("cat_or_dog", "ci", `<additional_answer answer="fish"/>`), "fish", I],
    ["regexp", str("\\d+", "regexp"), "123", C],
    ["regexp is anchored", str("\\d+", "regexp"), "12a", I],
    ["regexp is case-sensitive without ci", str("..bble", "regexp"), "BUBBLE", I],
    ["ci regexp", str("..bble", "ci regexp"), "BuBBle", C],
    ["regexp anchors bind to the first and last alternative only (1)", str("a1", "regexp", `<additional_answer answer="d5"/>`), "a1xyz", C],
    ["regexp anchors bind to the first and last alternative only (2)", str("a1", "regexp", `<additional_answer answer="d5"/>`), "xyzd5", C],
    ["regexp anchors: otherwise anchored", str("a1", "regexp", `<additional_answer answer="d5"/>`), "xa1", I],
    ["invalid regexp is a response error", str("(", "regexp"), "x", { error: "response_error" }],
    ["missing answer is incorrect", str("x", "ci"), undefined, I],
  ]);

  it("hints: correcthint, stringequalhint and regexphint, first match wins", () => {
    const xml = str(
      "Paris",
      "ci",
      `<correcthint>Yes!</correcthint><additional_answer answer="Paname"><correcthint>Slang, but yes.</correcthint></additional_answer><stringequalhint answer="London">That is in England.</stringequalhint><regexphint answer="Ly.*">Second city.</regexphint>`,
    );
    expect(feedbackFor(xml, { "1_2_1": "paris" })).toEqual({ "1_2_1": "Yes!" });
    expect(feedbackFor(xml, { "1_2_1": "Paname" })).toEqual({ "1_2_1": "Slang, but yes." });
    expect(feedbackFor(xml, { "1_2_1": "london" })).toEqual({ "1_2_1": "That is in England." });
    expect(feedbackFor(xml, { "1_2_1": "Lyon" })).toEqual({ "1_2_1": "Second city." });
    expect(feedbackFor(xml, { "1_2_1": "Rome" })).toEqual({});
  });
});

const mc = (choices: string, attrs = "", groupAttrs = "") =>
  P(`<multiplechoiceresponse ${attrs}><choicegroup type="MultipleChoice" ${groupAttrs}>${choices}</choicegroup></multiplechoiceresponse>`);
const ch = (correct: string, text: string, extra = "") => `<choice correct="${correct}" ${extra}>${text}</choice>`;
const abc = mc(ch("false", "A") + ch("true", "B") + ch("false", "C"));

describe("multiplechoiceresponse", () => {
  run([
    ["correct choice", abc, "choice_1", C],
    ["wrong choice", abc, "choice_0", I],
    ["unknown value", abc, "choice_9", I],
    ["no answer", abc, undefined, I],
    ["a list is never a choice value", abc, ["choice_1"], I],
    ["two true choices: first", mc(ch("true", "A") + ch("false", "B") + ch("true", "C")), "choice_0", C],
    ["two true choices: second", mc(ch("true", "A") + ch("false", "B") + ch("true", "C")), "choice_2", C],
    ["correct is case-insensitive", mc(ch("TRUE", "A") + ch("false", "B")), "choice_0", C],
    ["named choice value", mc(ch("false", "A") + ch("true", "B", `name="blue"`)), "choice_blue", C],
    ["unnamed choices count only unnamed", mc(ch("false", "A") + ch("false", "B", `name="x"`) + ch("true", "C")), "choice_1", C],
    ["partial choice without partial_credit is incorrect", mc(ch("true", "A") + ch("partial", "B")), "choice_1", I],
    ["partial credit points: default 0.5", mc(ch("true", "A") + ch("partial", "B"), `partial_credit="points"`), "choice_1", half],
    ["partial credit points: point_value", mc(ch("true", "A") + ch("partial", "B", `point_value="0.25"`), `partial_credit="points"`), "choice_1",
      { c: "partially-correct", earned: 0.25 }],
    ["partial credit points: point_value 1 is still partially-correct", mc(ch("true", "A") + ch("partial", "B", `point_value="1"`), `partial_credit="points"`), "choice_1",
      { c: "partially-correct", earned: 1 }],
    ["partial credit points: point_value 0", mc(ch("true", "A") + ch("partial", "B", `point_value="0"`), `partial_credit="points"`), "choice_1",
      { c: "partially-correct", earned: 0 }],
    ["partial credit points: correct choice", mc(ch("true", "A") + ch("partial", "B"), `partial_credit="points"`), "choice_0", C],
    ["two schemes", mc(ch("true", "A"), `partial_credit="points,points"`), "choice_0",
      PE("Only one type of partial credit is allowed for Multiple Choice problems.")],
    ["unknown scheme", mc(ch("true", "A"), `partial_credit="bogus"`), "choice_0", PE(/partial_credit attribute should be one of/)],
    ["partial_credit=false", mc(ch("true", "A") + ch("partial", "B"), `partial_credit="false"`), "choice_1", I],
  ]);

  it("choice hints show for the selected choice", () => {
    const xml = mc(ch("false", "A <choicehint>Not A.</choicehint>") + ch("true", "B <choicehint>Right, B.</choicehint>"));
    expect(gradeProblem(xml, { "1_2_1": "choice_0" })).toMatchObject({ ok: true, hints: { "1_2_1": "Not A." } });
    expect(feedbackFor(xml, { "1_2_1": "choice_1" })).toEqual({ "1_2_1": "Right, B." });
  });

  it("truefalseresponse needs exactly the set of true choices", () => {
    const xml = P(
      `<truefalseresponse><choicegroup type="TrueFalse">${ch("true", "A")}${ch("false", "B")}${ch("true", "C")}</choicegroup></truefalseresponse>`,
    );
    check(gradeProblem(xml, { "1_2_1": ["choice_0", "choice_2"] }), C);
    check(gradeProblem(xml, { "1_2_1": ["choice_0"] }), I);
    check(gradeProblem(xml, { "1_2_1": ["choice_0", "choice_1", "choice_2"] }), I);
  });
});

const cb = (correct: string[], attrs = "", extra = "") =>
  P(`<choiceresponse ${attrs}><checkboxgroup>${correct.map((c, k) => ch(c, `C${k}`)).join("")}${extra}</checkboxgroup></choiceresponse>`);

describe("choiceresponse (checkboxes)", () => {
  const tftf = cb(["true", "false", "true", "false"]);
  const tff = ["true", "false", "false"];
  const ttfff = ["true", "true", "false", "false", "false"];
  run([
    ["exact set", tftf, ["choice_0", "choice_2"], C],
    ["order does not matter", tftf, ["choice_2", "choice_0"], C],
    ["missing one", tftf, ["choice_0"], I],
    ["one extra", tftf, ["choice_0", "choice_1", "choice_2"], I],
    ["empty selection is incorrect", tftf, [], I],
    ["no answer is incorrect", tftf, undefined, I],
    ["a single string is a one-element list", cb(tff), "choice_0", C],
    ["correct values other than true/false are ignored", cb(["true", "maybe", "false"]), ["choice_0"], C],
    ["EDC: all decisions right", cb(tff, `partial_credit="EDC"`), ["choice_0"], C],
    ["EDC: 2 of 3 decisions right", cb(tff, `partial_credit="EDC"`), ["choice_0", "choice_1"], { c: "partially-correct", earned: 0.67 }],
    ["EDC: 1 of 3 decisions right", cb(tff, `partial_credit="edc"`), ["choice_1"], { c: "partially-correct", earned: 0.33 }],
    ["EDC: no decision right", cb(tff, `partial_credit="EDC"`), ["choice_1", "choice_2"], I],
    ["EDC: empty selection is still incorrect", cb(tff, `partial_credit="EDC"`), [], I],
    ["EDC scales by the input's points",
      P(`<choiceresponse partial_credit="EDC"><checkboxgroup points="2">${ch("true", "a")}${ch("false", "b")}${ch("false", "c")}</checkboxgroup></choiceresponse>`),
      ["choice_0", "choice_1"], { c: "partially-correct", earned: 1.33, possible: 2 }],
    ["halves: no error", cb(tff, `partial_credit="halves"`), ["choice_0"], C],
    ["halves: one error with 3 choices", cb(tff, `partial_credit="halves"`), ["choice_0", "choice_1"], half],
    ["halves: two errors with 3 choices", cb(tff, `partial_credit="halves"`), ["choice_1"], I],
    ["halves: one error with 2 choices", cb(["true", "false"], `partial_credit="halves"`), ["choice_0", "choice_1"], I],
    ["halves: two errors with 5 choices", cb(ttfff, `partial_credit="halves"`), ["choice_0", "choice_2"], { c: "partially-correct", earned: 0.25 }],
    ["halves: three errors with 5 choices", cb(ttfff, `partial_credit="halves"`), ["choice_2", "choice_3"], I],
    ["halves: full credit earns max points",
      P(`<choiceresponse partial_credit="halves"><checkboxgroup points="2">${ch("true", "a")}${ch("false", "b")}${ch("false", "c")}</checkboxgroup></choiceresponse>`),
      ["choice_0"], { c: "correct", earned: 2, possible: 2 }],
    ["two schemes", cb(tff, `partial_credit="EDC,halves"`), ["choice_0"], PE("Only one type of partial credit is allowed for Checkbox problems.")],
    ["unknown scheme", cb(tff, `partial_credit="thirds"`), ["choice_0"], PE(/partial_credit attribute should be one of/)],
    ["partial_credit=false is exact", cb(tff, `partial_credit="false"`), ["choice_0", "choice_1"], I],
  ]);

  it("compound hints win over per-choice hints", () => {
    const xml = P(`<choiceresponse><checkboxgroup>
      <choice correct="true">a<choicehint selected="true">a picked</choicehint><choicehint selected="false">a missed</choicehint></choice>
      <choice correct="false">b<choicehint selected="true">b picked</choicehint></choice>
      <choice correct="true">c</choice>
      <compoundhint value="A C">Both right ones.</compoundhint>
    </checkboxgroup></choiceresponse>`);
    expect(feedbackFor(xml, { "1_2_1": ["choice_0", "choice_2"] })).toEqual({ "1_2_1": "Both right ones." });
    expect(feedbackFor(xml, { "1_2_1": ["choice_1"] })).toEqual({
      "1_2_1": '<div class="hint-text">a missed</div><div class="hint-text">b picked</div>',
    });
    expect(feedbackFor(xml, { "1_2_1": ["choice_0"] })).toEqual({ "1_2_1": "a picked" });
  });
});

const opt = (input: string) => P(`<optionresponse>${input}</optionresponse>`);
describe("optionresponse (dropdown)", () => {
  const old = opt(`<optioninput options="('Red','Blue','Green')" correct="Blue"/>`);
  const neu = opt(
    `<optioninput><option correct="False">Sydney<optionhint>Biggest, not capital.</optionhint></option><option correct="True">Canberra</option></optioninput>`,
  );
  run([
    ["old syntax: correct", old, "Blue", C],
    ["old syntax: wrong", old, "Red", I],
    ["case-sensitive", old, "blue", I],
    ["whitespace-sensitive", old, " Blue", I],
    ["missing answer", old, undefined, I],
    ["new syntax: correct", neu, "Canberra", C],
    ["new syntax: wrong", neu, "Sydney", I],
    ["apostrophes inside options", opt(`<optioninput options="('Don't know','Yes')" correct="Don't know"/>`), "Don't know", C],
    ["two correct options is an authoring error",
      opt(`<optioninput><option correct="True">a</option><option correct="True">b</option></optioninput>`), "a",
      PE("Dropdown questions can only have one correct answer.")],
  ]);
  it("several dropdowns in one response are scored independently", () => {
    const xml = opt(`<optioninput options="('a','b')" correct="a"/><optioninput options="('a','b')" correct="b"/>`);
    expect(gradeProblem(xml, { "1_2_1": "a", "1_2_2": "a" })).toEqual({
      ok: true,
      correctness: { "1_2_1": "correct", "1_2_2": "incorrect" },
      earned: 1,
      possible: 2,
    });
  });
  it("option hints", () => {
    expect(feedbackFor(neu, { "1_2_1": "Sydney" })).toEqual({ "1_2_1": "Biggest, not capital." });
  });
});

const formula = (answer: string, samples: string, extra = "", type = "") =>
  P(`<formularesponse answer="${answer}" samples="${samples}" ${type ? `type="${type}"` : ""}>${extra}<textline math="1"/></formularesponse>`);

describe("formularesponse", () => {
  const sq = formula("x^2+2*x+1", "x@1:5#10");
  run([
    ["equivalent expression", sq, "(x+1)^2", C],
    ["different expression", sq, "x^2", I],
    ["variables are case-insensitive by default", sq, "(X+1)^2", C],
    ["case-sensitive type rejects other case", formula("x^2", "x@1:5#10", "", "cs"), "X^2", SIE(/did you mean x\?/)],
    ["undefined variable", sq, "(y+1)^2", SIE("Invalid Input: y not permitted in answer as a variable")],
    ["unbalanced parentheses", sq, "(x+1", SIE(/Parentheses are unmatched/)],
    ["parse error", sq, "2x", SIE("Invalid input: Could not parse '2x' as a formula")],
    ["tolerance", formula("x", "x@1:2#5", tol("10%")), "1.05*x", C],
    ["tolerance exceeded", formula("x", "x@1:2#5", tol("10%")), "1.2*x", I],
    ["several variables", formula("a*b+c", "a,b,c@1,1,1:3,3,3#10"), "c+b*a", C],
    ["empty input is incorrect", sq, "", I],
  ]);
  it("is reproducible for a seed", () => {
    const xml = formula("x", "x@1:100#3", tol("0.5"));
    const a = gradeProblem(xml, { "1_2_1": "x+0.4" }, { seed: 7 });
    expect(a).toEqual(gradeProblem(xml, { "1_2_1": "x+0.4" }, { seed: 7 }));
    check(a, C);
  });
});

describe("ids, shuffle and answer-pool", () => {
  it("input ids follow Open edX: P_{k+2}_{j+1}", () => {
    const xml = P(
      `${abc.slice(9, -10)}<numericalresponse answer="1"><textline/></numericalresponse><optionresponse><optioninput options="('a','b')" correct="a"/><optioninput options="('a','b')" correct="b"/></optionresponse>`,
    );
    const result = gradeProblem(xml, {}, { problemId: "abc" });
    expect(result.ok && Object.keys(result.correctness)).toEqual(["abc_2_1", "abc_3_1", "abc_4_1", "abc_4_2"]);
    expect(result).toMatchObject({ earned: 0, possible: 4 });
  });

  it("grading is by identity after a shuffle", () => {
    const xml = mc(ch("false", "Apple") + ch("false", "Banana") + ch("false", "Chocolate") + ch("true", "Donut"), "", `shuffle="true"`);
    for (const seed of [0, 1, 2, 99]) {
      check(gradeProblem(xml, { "1_2_1": "choice_3" }, { seed }), C);
      check(gradeProblem(xml, { "1_2_1": "choice_0" }, { seed }), I);
    }
  });

  it("shuffle and answer-pool together is an authoring error", () => {
    const xml = mc(ch("true", "a") + ch("false", "b"), "", `shuffle="true" answer-pool="2"`);
    check(gradeProblem(xml, { "1_2_1": "choice_0" }), PE("Do not use shuffle and answer-pool at the same time"));
    expect(analyzeProblem(xml)).toMatchObject({ supported: false, reason: expect.stringMatching(/shuffle and answer-pool/) });
  });

  it("answer-pool must be an integer and needs a correct and an incorrect choice", () => {
    check(gradeProblem(mc(ch("true", "a") + ch("false", "b"), "", `answer-pool="2.3"`), {}), PE(/answer-pool value should be an integer/));
    check(gradeProblem(mc(ch("true", "a") + ch("true", "b"), "", `answer-pool="2"`), {}), PE(/at least 1 correct and 1 incorrect/));
  });
});

describe("problems that cannot be graded here", () => {
  it.each([
    ["customresponse", P(`<customresponse cfn="f"><textline/></customresponse>`), /Python script \(customresponse\)/],
    ["script variables", P(`<script type="loncapa/python">z = 3</script><numericalresponse answer="$z"><textline/></numericalresponse>`), /\$z/],
  ])("%s: supported through the sandbox (scripted.ts); the synchronous grader refuses without it", (_n, xml, reason) => {
    expect(analyzeProblem(xml).supported).toBe(true);
    const result = gradeProblem(xml, { "1_2_1": "3" });
    expect(result).toMatchObject({ ok: false, error: "problem_error" });
    if (!result.ok) expect(result.message).toMatch(reason);
  });

  it.each([
    ["an imageinput without a size", P(`<imageresponse><imageinput src="x.png" rectangle="(1,1)-(2,2)"/></imageresponse>`), /image input \(imageinput\) needs a positive whole-number width/],
    ["a customresponse widget", P(`<customresponse cfn="f"><editamolecule/></customresponse>`), /editamolecule widget, which Open edX draws with its own browser code/],
    ["jsinput", P(`<customresponse cfn="f"><jsinput html_file="x.html"/></customresponse>`), /jsinput/],
  ])("%s: analyzeProblem says why, gradeProblem refuses", (_n, xml, reason) => {
    const analysis = analyzeProblem(xml);
    expect(analysis.supported).toBe(false);
    expect(analysis.reason).toMatch(reason);
    const result = gradeProblem(xml, { "1_2_1": "3" });
    expect(result).toMatchObject({ ok: false, error: "problem_error" });
  });

  it.each([
    ["malformed XML", "<problem><p>unclosed</problem>"],
    ["not a problem", "<html><p>x</p></html>"],
    ["wrong input type", P(`<stringresponse answer="a"><formulaequationinput/></stringresponse>`)],
    ["missing answer attribute", P(`<numericalresponse><textline/></numericalresponse>`)],
    ["two inputs in a single-input response", P(`<stringresponse answer="a"><textline/><textline/></stringresponse>`)],
  ])("%s is a problem error", (_n, xml) => {
    expect(gradeProblem(xml, {})).toMatchObject({ ok: false, error: "problem_error" });
    expect(analyzeProblem(xml).supported).toBe(false);
  });

  it("an unused script does not block grading; the markdown attribute is ignored", () => {
    const xml = P(`<script type="loncapa/python">def f(x):\n    return x\n</script><stringresponse answer="b" type="ci"><textline/></stringresponse>`, `markdown="= a"`);
    expect(analyzeProblem(xml)).toEqual({ supported: true, responseTypes: ["stringresponse"] });
    check(gradeProblem(xml, { "1_2_1": "B" }), C);
    check(gradeProblem(xml, { "1_2_1": "a" }), I);
  });

  it("answers must be strings or string lists", () => {
    expect(gradeProblem(abc, { "1_2_1": 3 } as unknown as Record<string, string>)).toMatchObject({
      ok: false,
      error: "student_input_error",
    });
  });
});

describe("imageresponse (ImageResponse.get_score)", () => {
  const img = (attrs: string) => P(`<imageresponse><imageinput src="/static/map.png" width="600" height="400" ${attrs}/></imageresponse>`);
  const rect = img(`rectangle="(338,98)-(412,168)"`);
  run([
    ["inside the rectangle", rect, "[370,130]", C],
    ["spaces are ignored", rect, " [ 370 , 130 ] ", C],
    ["outside", rect, "[100,100]", I],
    ["left/top edge counts", rect, "[338,98]", C],
    ["right/bottom edge counts", rect, "[412,168]", C],
    ["one pixel past the edge", rect, "[413,168]", I],
    ["square brackets in the rectangle", img(`rectangle="[10,10]-[20,20]"`), "[15,15]", C],
    ["second of several rectangles", img(`rectangle="(10,10)-(20,30);(100,100)-(120,130)"`), "[110,120]", C],
    ["in none of several rectangles", img(`rectangle="(10,10)-(20,30);(100,100)-(120,130)"`), "[50,50]", I],
    // Open edX compares llx <= x <= urx as written: reversed corners match nothing.
    ["reversed corners match nothing (as in Open edX)", img(`rectangle="(20,20)-(10,10)"`), "[15,15]", I],
    ["an empty answer is incorrect", rect, "", I],
    ["anything after ] is ignored (re.match)", rect, "[370,130]xyz", C],
    ["a bad rectangle is an author error", img(`rectangle="(1,1)-(2)"`), "[1,1]", { error: "problem_error", message: /Cannot parse rectangle/ }],
    ["a rectangle that matched stops before a bad one", img(`rectangle="(1,1)-(5,5);bad"`), "[2,2]", C],
    ["one polygon", img(`regions="[[10,10],[100,10],[100,100],[10,100]]"`), "[50,50]", C],
    ["outside the polygon", img(`regions="[[10,10],[100,10],[100,100],[10,100]]"`), "[150,50]", I],
    ["on the polygon's edge (shapely contains is strict)", img(`regions="[[10,10],[100,10],[100,100],[10,100]]"`), "[10,50]", I],
    ["points in any order: the convex hull", img(`regions="[[10,10],[100,100],[100,10],[10,100]]"`), "[50,50]", C],
    ["second of several polygons", img(`regions="[[[0,0],[5,0],[0,5]],[[100,100],[200,100],[150,200]]]"`), "[150,150]", C],
    ["a degenerate (collinear) region matches nothing", img(`regions="[[0,0],[5,5],[10,10]]"`), "[5,5]", I],
    ["an empty region list", img(`regions="[]"`), "[5,5]", I],
    ["either a rectangle or a region", img(`rectangle="(0,0)-(5,5)" regions="[[10,10],[100,10],[100,100]]"`), "[80,40]", C],
    ["regions that are not JSON are an author error", img(`regions="[[1,2]"`), "[1,1]", { error: "problem_error" }],
    ["with neither attribute nothing is correct", img(""), "[1,1]", I],
  ]);

  it.each(["370,130", "[370;130]", "[-1,5]", "[1.5,2]", "(370,130)", "  ", "x"])("malformed %j is refused (student_input_error: no attempt used)", (answer) => {
    check(gradeProblem(rect, { "1_2_1": answer }), { error: "student_input_error", message: /error grading 1_2_1/ });
  });

  it("no answer at all is incorrect", () => {
    check(gradeProblem(rect, {}), I);
  });

  it("several imageinputs are graded each on its own", () => {
    const xml = P(`<imageresponse>
      <imageinput src="/static/a.png" width="100" height="100" rectangle="(0,0)-(10,10)"/>
      <imageinput src="/static/b.png" width="100" height="100" rectangle="(50,50)-(60,60)" points="2"/>
    </imageresponse>`);
    expect(analyzeProblem(xml)).toEqual({ supported: true, responseTypes: ["imageresponse"] });
    expect(gradeProblem(xml, { "1_2_1": "[5,5]", "1_2_2": "[5,5]" })).toEqual({
      ok: true,
      correctness: { "1_2_1": "correct", "1_2_2": "incorrect" },
      earned: 1,
      possible: 3,
    });
  });

  it("only imageinput is allowed inside", () => {
    expect(gradeProblem(P(`<imageresponse><textline/></imageresponse>`), {})).toMatchObject({ ok: false, error: "problem_error" });
  });
});
