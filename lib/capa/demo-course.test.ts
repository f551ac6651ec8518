// Every problem of the Open edX demo course either grades (with its correct answer, and a
// wrong one) or analyzeProblem says plainly why it cannot. Fixtures are read in place.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SandboxPool } from "@/lib/sandbox/pool";
import { OPENEDX_DEMO_DIR } from "@/scripts/lib/shared-fixtures";
import { analyzeProblem, gradeProblem, gradeProblemScripted, renderProblem, renderProblemScripted } from "./index";

const DIR = path.join(OPENEDX_DEMO_DIR, "problem");

type Case =
  | { graded: true; right: Record<string, string | string[]>; wrong: Record<string, string | string[]>; earned?: number; possible?: number }
  | { graded: false; reason: RegExp }
  | { graded: "python" };

const U = (reason: RegExp): Case => ({ graded: false, reason });

const CASES: Record<string, Case> = {
  "0135258373e648f2b57a80ae06bade61": { graded: true, right: { "1_2_1": ["choice_1", "choice_3", "choice_4"] }, wrong: { "1_2_1": ["choice_0"] } },
  "0895f1b6c0b329e50b90": { graded: true, right: { "1_2_1": "choice_1" }, wrong: { "1_2_1": "choice_0" } },
  // Protex, a Java applet: no browser runs it and it has no web version.
  "0d127d7942ec4be7a464eabafb286d02": U(/Protex protein designer \(designprotein2dinput\), a Java applet; browsers no longer run Java applets and the designer has no web version/),
  // imageresponse: the rectangle (338,98)-(412,168) on the map of Africa.
  "10d6abada29b45df87f3bd9a9af86e72": { graded: true, right: { "1_2_1": "[370,130]" }, wrong: { "1_2_1": "[100,100]" } },
  // annotationresponse: "Nowhere" is the one correct tag (2 points); the comment is not graded.
  "29fb15ec7b5f462cab0a8216108df8dc": {
    graded: true,
    right: { "1_2_1": JSON.stringify({ options: [2], comment: "A journey of the mind." }) },
    wrong: { "1_2_1": JSON.stringify({ options: [0], comment: "" }) },
    possible: 2,
  },
  "330956aa9c304a0a8e944d3caac15494": { graded: true, right: { "1_2_1": "Bubble" }, wrong: { "1_2_1": "bubbles" } },
  "3956d029fa74441cbfca3a97913ccaa8": { graded: true, right: { "1_2_1": "choice_1" }, wrong: { "1_2_1": "choice_2" } },
  "3b8100660f3947c198e0a9b35f7c6cf6": { graded: true, right: { "1_2_1": "120*5" }, wrong: { "1_2_1": "606" } },
  "3e5a945f54374fc7ababadc080660f2d": { graded: true, right: { "1_2_1": "grumpy" }, wrong: { "1_2_1": "Snow White" } },
  // Python-scripted: graded through the sandbox (see "scripted problems" below).
  "53083a812536472ba8ea8182ee354363": { graded: "python" },
  // jsinput whose page is on files.edx.org: no bridge can be put into it, so it is refused.
  "58f6371c54254596ac91699557af449c": U(
    /JavaScript input \(jsinput\) loads a page from another site \(https:\/\/files\.edx\.org\/.*\), which is refused: that page would run another site's code with the learner's answers/,
  ),
  "7071a317a0744a37924ef5dea17d47e1": { graded: true, right: { "1_2_1": "Quizzes about spelling" }, wrong: { "1_2_1": "" } },
  "720cac326b684155b4845d32af4aeef0": { graded: "python" },
  "73ccaa75b5b6036b48fd": { graded: true, right: { "1_2_1": "choice_0" }, wrong: { "1_2_1": "choice_3" } },
  // jsinput on /static/DiagnosisSimulation.html, graded by its Python check (below).
  "7c95e593b148415e97ac02811c7daf1b": { graded: "python" },
  "85f3f7f9b72548af880975112f27817c": {
    graded: true,
    right: {
      "1_2_1": "Albert Einstein",
      "1_3_1": "Germany",
      "1_4_1": "Dmitri Mendeleev",
      "1_5_1": "Russia",
      "1_6_1": "Sir Isaac Newton",
      "1_7_1": "England",
      "1_8_1": "Jonas Salk",
      "1_9_1": "USA",
    },
    wrong: { "1_2_1": "Jonas Salk" },
    earned: 8,
    possible: 8,
  },
  "861cd64b013d1addc68f": { graded: true, right: { "1_2_1": "12" }, wrong: { "1_2_1": "20" } },
  "870b16e640d541af94a308caac834d2e": { graded: true, right: { "1_2_1": "choice_0" }, wrong: { "1_2_1": "choice_1" } },
  "8a4f31060c1f666f9d75": { graded: true, right: { "1_2_1": "choice_0" }, wrong: { "1_2_1": "choice_1" } },
  "9f898b5307d841fcb03f5ee4eb206a9a": { graded: true, right: { "1_2_1": "2" }, wrong: { "1_2_1": "3" } },
  "b1ddf9b3553941cfa55b3cc8a56ab1a0": { graded: true, right: { "1_2_1": ["choice_0", "choice_2"] }, wrong: { "1_2_1": ["choice_0"] } },
  "b20c43dfbd874a729762ab44a1dfc282": { graded: true, right: { "1_2_1": "choice_1" }, wrong: { "1_2_1": "choice_0" } },
  "c4f36f420bea1c8fb6a8": { graded: true, right: { "1_2_1": "choice_2" }, wrong: { "1_2_1": "choice_0" } },
  "c89f56c74a3a424dbffb665d4643b42f": { graded: true, right: { "1_2_1": "Canberra" }, wrong: { "1_2_1": "Sydney" } },
  ced178178f4440e08f15a408ea14cbf1: {
    graded: true,
    right: { "1_2_1": "rho*omega^2*L^2*(11*L/48 + 3*R/8)/E", "1_3_1": "rho*omega^2*L^3/(3*E) + rho*omega^2*R*L^2/(2*E)" },
    wrong: { "1_2_1": "rho*omega^2*L^2/E", "1_3_1": "rho*omega^2*L^3/(3*E)" },
    possible: 2,
  },
  // A circuit editor + simulator (graded by Python from the simulation): none here.
  dc37b89aade5444fbb1ecdaa0d22d180: U(/circuit problem \(schematicresponse\), answered in Open edX's schematic editor, which simulates the learner's circuit for a Python script to grade; that circuit editor and simulator do not exist here/),
  eb57b81093d048df975c957d005b1f74: {
    graded: true,
    right: { "1_2_1": "select * from products where price > 20;" },
    wrong: { "1_2_1": "SELECT * FROM products" },
  },
  ef8c3814d2ce47c6927a8310bba4b849: { graded: true, right: { "1_2_1": "choice_4" }, wrong: { "1_2_1": "choice_2" } },
  fa55e7ce7a529c3aadf2: { graded: true, right: { "1_2_1": "choice_2" }, wrong: { "1_2_1": "choice_0" } },
};

describe("Open edX demo course problems", () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith(".xml"));

  it("covers every problem file (29)", () => {
    expect(files.map((f) => f.replace(/\.xml$/, "")).sort()).toEqual(Object.keys(CASES).sort());
    expect(files).toHaveLength(29);
  });

  it.each(Object.entries(CASES))("%s", (name, c) => {
    const xml = readFileSync(path.join(DIR, `${name}.xml`), "utf8");
    if (c.graded === "python") {
      // Statically supported; without a sandbox the sync grader refuses rather than guessing.
      expect(analyzeProblem(xml)).toMatchObject({ supported: true });
      expect(gradeProblem(xml, {})).toMatchObject({ ok: false, error: "problem_error" });
      return;
    }
    const analysis = analyzeProblem(xml);
    const model = renderProblem(xml);
    if (!c.graded) {
      expect(analysis.supported).toBe(false);
      expect(analysis.reason).toMatch(c.reason);
      expect(model.supported).toBe(false);
      expect(gradeProblem(xml, {})).toMatchObject({ ok: false, error: "problem_error" });
      return;
    }
    expect(analysis).toMatchObject({ supported: true });
    expect(model.supported).toBe(true);
    // The render model lists exactly the inputs the answers address.
    for (const id of Object.keys(c.right)) expect(model.inputs.map((i) => i.id)).toContain(id);
    const right = gradeProblem(xml, c.right);
    expect(right.ok, JSON.stringify(right)).toBe(true);
    if (!right.ok) return;
    expect(Object.values(right.correctness).every((v) => v === "correct")).toBe(true);
    expect(right.earned).toBe(c.earned ?? right.possible);
    if (c.possible !== undefined) expect(right.possible).toBe(c.possible);
    const wrong = gradeProblem(xml, c.wrong);
    expect(wrong.ok, JSON.stringify(wrong)).toBe(true);
    if (wrong.ok) expect(wrong.earned).toBeLessThan(right.earned);
  });

  it("partial credit on the advanced numerical problem (the other root gets half)", () => {
    const xml = readFileSync(path.join(DIR, "9f898b5307d841fcb03f5ee4eb206a9a.xml"), "utf8");
    expect(gradeProblem(xml, { "1_2_1": "1" })).toEqual({
      ok: true,
      correctness: { "1_2_1": "partially-correct" },
      earned: 0.5,
      possible: 1,
    });
  });
});

describe("Open edX demo course: Python-scripted problems (real sandbox)", () => {
  let pool: SandboxPool;
  beforeAll(async () => {
    pool = new SandboxPool({ size: 1 });
    await pool.warm();
  }, 120_000);
  afterAll(() => pool.close());
  const read = (name: string) => readFileSync(path.join(DIR, `${name}.xml`), "utf8");

  it("Simple Python-Evaluated Input: $x/$y from random2 with the learner's seed; a new seed after reset", async () => {
    const xml = read("720cac326b684155b4845d32af4aeef0");
    // Python 2 randint(0, 20) twice: seed 1 → 2, 17; seed 42 → 13, 0 (Python 3 would give other numbers).
    const m1 = await renderProblemScripted(xml, { runner: pool, seed: 1 });
    expect(m1.supported).toBe(true);
    expect(JSON.stringify(m1.nodes)).toContain("Let x = 2 and y = 17.");
    expect(m1.solutions[0]).toContain("x + y  = 19");
    expect(await gradeProblemScripted(xml, { "1_2_1": "19" }, { runner: pool, seed: 1 })).toMatchObject({ ok: true, earned: 1, possible: 1 });
    expect(await gradeProblemScripted(xml, { "1_2_1": "13" }, { runner: pool, seed: 1 })).toMatchObject({ ok: true, earned: 0 });
    expect(await gradeProblemScripted(xml, { "1_2_1": "13" }, { runner: pool, seed: 42 })).toMatchObject({ ok: true, earned: 1 });
  });

  it("Medical Scenario (jsinput): the iframe model, and the check reads {answer, state} JSON", async () => {
    const xml = read("7c95e593b148415e97ac02811c7daf1b");
    const model = await renderProblemScripted(xml, { runner: pool, seed: 1 });
    expect(model.supported).toBe(true);
    expect(model.inputs).toEqual([
      expect.objectContaining({
        id: "1_2_1",
        kind: "jsinput",
        src: "/static/DiagnosisSimulation.html",
        gradeFn: "edx_score.getGrade",
        getStateFn: "edx_score.getState",
        setStateFn: "edx_score.setState",
        width: 840,
        height: 800,
        title: "Medical Diagnosis Simulation - Javascript Sample",
      }),
    ]);
    const ans = (result: unknown) => ({ "1_2_1": JSON.stringify({ answer: JSON.stringify(result), state: JSON.stringify({ step: 3 }) }) });
    const opts = { runner: pool, seed: 1 };
    expect(await gradeProblemScripted(xml, ans({ edxResult: true, edxScore: 1, edxMessage: "Right diagnosis" }), opts)).toMatchObject({
      ok: true,
      earned: 1,
      possible: 1,
      correctness: { "1_2_1": "correct" },
      messages: { "1_2_1": "Right diagnosis" },
    });
    const partial = await gradeProblemScripted(xml, ans({ edxResult: true, edxScore: 0.5, edxMessage: "Close" }), opts);
    expect(partial).toMatchObject({ ok: true, earned: 0.5, possible: 1 });
    expect(await gradeProblemScripted(xml, ans({ edxResult: false, edxScore: 0, edxMessage: "No" }), opts)).toMatchObject({ ok: true, earned: 0 });
    // Not JSON (ValueError in json.loads) → the check returns False.
    expect(await gradeProblemScripted(xml, { "1_2_1": "not json" }, opts)).toMatchObject({ ok: true, earned: 0 });
  });

  it("Advanced Custom Python-Evaluated Input: input_list with per-input grade_decimal and an overall message", async () => {
    const xml = read("53083a812536472ba8ea8182ee354363");
    const right = await gradeProblemScripted(xml, { "1_2_1": "3", "1_2_2": "190", "1_2_3": "63.3", "1_2_4": "40.3" }, { runner: pool, seed: 1 });
    expect(right).toMatchObject({ ok: true, earned: 4, possible: 4 });
    const wrong = await gradeProblemScripted(xml, { "1_2_1": "1", "1_2_2": "170", "1_2_3": "0", "1_2_4": "0" }, { runner: pool, seed: 1 });
    expect(wrong).toMatchObject({ ok: true, earned: 1, correctness: { "1_2_1": "incorrect", "1_2_2": "correct", "1_2_3": "incorrect", "1_2_4": "incorrect" } });
    if (wrong.ok) {
      expect(wrong.messages?.["1_2_1"]).toBe("Your friend group is too small. Try again.");
      expect(wrong.messages?.["1_2"]).toContain("You did not complete the entire problem correctly");
    }
    // ValueError inside the check → it returns False: every input incorrect.
    expect(await gradeProblemScripted(xml, { "1_2_1": "x", "1_2_2": "1", "1_2_3": "1", "1_2_4": "1" }, { runner: pool, seed: 1 })).toMatchObject({ ok: true, earned: 0 });
  });
});
