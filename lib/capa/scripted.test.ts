// Python-scripted problems graded through the real Pyodide sandbox (lib/sandbox).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SandboxPool } from "@/lib/sandbox/pool";
import { rendersAlikeForEveryLearner } from "./problem";
import { gradeProblemScripted, renderProblemScripted } from "./scripted";

let pool: SandboxPool;
beforeAll(async () => {
  pool = new SandboxPool({ size: 1 });
  await pool.warm();
}, 120_000);
afterAll(() => pool.close());

const grade = (xml: string, answers: Record<string, string | string[]>, seed = 1) =>
  gradeProblemScripted(xml, answers, { runner: pool, seed, problemId: "1" });

describe("scripts that render alike for every learner", () => {
  const problems = {
    deterministic: `<problem><script type="loncapa/python">
import math
k = 3
area = round(math.pi * k ** 2, 2)
def check(expect, ans): return 0.01 > abs(float(ans) - area)
</script><p>A circle of radius $k has area?</p><customresponse cfn="check"><textline/></customresponse></problem>`,
    seeded: `<problem><script type="loncapa/python">k = random.randint(1, 1000)</script><p>A circle of radius $k has area?</p>
<numericalresponse answer="$k"><formulaequationinput/></numericalresponse></problem>`,
  };
  it("renders identically for any seed and learner exactly when rendersAlikeForEveryLearner says so", async () => {
    for (const [name, xml] of Object.entries(problems)) {
      const models = new Set<string>();
      for (const [seed, anon] of [[1, "a1"], [2, "b2"], [977, "c3"]] as const) {
        const { seed: _s, ...m } = await renderProblemScripted(xml, { runner: pool, seed, problemId: "1", anonymousStudentId: anon });
        expect(m.supported).toBe(true);
        models.add(JSON.stringify(m));
      }
      expect({ name, alike: models.size === 1 }).toEqual({ name, alike: rendersAlikeForEveryLearner(xml) });
    }
    expect(rendersAlikeForEveryLearner(problems.deterministic)).toBe(true);
  });
});

describe("$name substitution from the script", () => {
  const xml = `<problem>
<script type="loncapa/python">
a = random.randint(1, 100)
ab = 7
tol = "5%"
opts = "('x','y')"
</script>
<p>What is $a plus $ab? (\${a} stays)</p>
<numericalresponse answer="$a+$ab"><responseparam type="tolerance" default="$tol"/>
  <formulaequationinput label="sum of $a and $ab"/></numericalresponse>
</problem>`;

  it("substitutes text, labels, answers and tolerances, longest name first", async () => {
    const model = await renderProblemScripted(xml, { runner: pool, seed: 1, problemId: "1" });
    expect(model.supported).toBe(true);
    const html = JSON.stringify(model.nodes);
    expect(html).toContain("What is 14 plus 7?");
    expect(html).toContain("(${a} stays)"); // `${a}` is not capa's syntax: left alone
    expect(model.inputs[0].label).toContain("sum of 14 and 7");
    expect(await grade(xml, { "1_2_1": "21" })).toMatchObject({ ok: true, earned: 1 });
    expect(await grade(xml, { "1_2_1": "22" })).toMatchObject({ ok: true, earned: 1 }); // within 5%
    expect(await grade(xml, { "1_2_1": "23" })).toMatchObject({ ok: true, earned: 0 });
  });

  it("another seed gives another learner's numbers (Python 2 randint: seed 42 → 64)", async () => {
    expect(await grade(xml, { "1_2_1": "71" }, 42)).toMatchObject({ ok: true, earned: 1 });
    expect(await grade(xml, { "1_2_1": "21" }, 42)).toMatchObject({ ok: true, earned: 0 });
  });
});

const cfnProblem = (fn: string, inputs = 1, extra = "") => `<problem>
<script type="loncapa/python">
def check(expect, ans${extra ? ", **kw" : ""}):
${fn
  .split("\n")
  .map((l) => "    " + l)
  .join("\n")}
</script>
<customresponse cfn="check" expect="42" ${extra}>
${Array.from({ length: inputs }, () => '<textline points="2"/>').join("\n")}
</customresponse>
</problem>`;

describe("customresponse check function return shapes", () => {
  it.each([
    { name: "True", fn: "return ans == expect", ans: ["42"], earned: 2, correctness: ["correct"] },
    { name: "False", fn: "return ans == expect", ans: ["41"], earned: 0, correctness: ["incorrect"] },
    { name: "'partial' string", fn: "return 'Partially right'", ans: ["x"], earned: 1, correctness: ["partially-correct"] },
    { name: "{'ok', 'msg'}", fn: "return {'ok': ans == '42', 'msg': 'You wrote ' + ans}", ans: ["42"], earned: 2, correctness: ["correct"], msg: "You wrote 42" },
    { name: "grade_decimal partial credit", fn: "return {'ok': True, 'grade_decimal': 0.25}", ans: ["1"], earned: 0.5, correctness: ["correct"] },
    { name: "ok False with grade_decimal (quirk: earns it)", fn: "return {'ok': False, 'grade_decimal': 0.1}", ans: ["1"], earned: 0.2, correctness: ["incorrect"] },
    {
      name: "input_list with overall_message",
      fn: "return {'overall_message': 'overall', 'input_list': [{'ok': True, 'msg': 'a'}, {'ok': False, 'msg': 'b'}, {'ok': 1}, {'ok': 'partial', 'grade_decimal': 0.5}]}",
      ans: ["1", "2", "3", "4"],
      inputs: 4,
      earned: 2 + 0 + 0 + 1, // ok=1 is correct yet earns 0 (quirk)
      correctness: ["correct", "incorrect", "correct", "partially-correct"],
      overall: "overall",
    },
    {
      name: "several inputs get a list",
      fn: "return {'ok': ans == ['1', '2'], 'msg': 'both'}",
      ans: ["1", "2"],
      inputs: 2,
      earned: 4,
      correctness: ["correct", "correct"],
      overall: "both",
    },
  ])("$name", async ({ fn, ans, earned, correctness, inputs, msg, overall }) => {
    const xml = cfnProblem(fn, inputs ?? 1);
    const answers = Object.fromEntries(ans.map((a, i) => [`1_2_${i + 1}`, a]));
    const r = await grade(xml, answers);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.earned).toBeCloseTo(earned, 10);
    expect(r.possible).toBe(2 * (inputs ?? 1));
    expect(ans.map((_, i) => r.correctness[`1_2_${i + 1}`])).toEqual(correctness);
    if (msg) expect(r.messages?.["1_2_1"]).toBe(msg);
    if (overall) expect(r.messages?.["1_2"]).toBe(overall);
  });

  it("an empty single input is incorrect without running the check", async () => {
    const r = await grade(cfnProblem("raise Exception('must not run')"), { "1_2_1": "" });
    expect(r).toMatchObject({ ok: true, earned: 0, correctness: { "1_2_1": "incorrect" } });
  });

  it("cfn_extra_args passes the response's options", async () => {
    const r = await grade(cfnProblem("return kw['options'] == 'abc'", 1, 'cfn_extra_args="options" options="abc"'), { "1_2_1": "x" });
    expect(r).toMatchObject({ ok: true, earned: 2 });
  });

  it("the check function sees the learner's seeded random, re-seeded for every run", async () => {
    const xml = `<problem><script type="loncapa/python">
n = random.randint(1, 100)
def check(expect, ans):
    return int(ans) == n
</script><p>$n</p><customresponse cfn="check"><textline/></customresponse></problem>`;
    expect(await grade(xml, { "1_2_1": "14" }, 1)).toMatchObject({ ok: true, earned: 1 });
    expect(await grade(xml, { "1_2_1": "64" }, 42)).toMatchObject({ ok: true, earned: 1 });
    expect(await grade(xml, { "1_2_1": "14" }, 42)).toMatchObject({ ok: true, earned: 0 });
  });

  it("a check function that raises is a response error (no crash, no stack trace to learners)", async () => {
    const r = await grade(cfnProblem("return 1/0"), { "1_2_1": "1" });
    expect(r).toMatchObject({ ok: false, error: "response_error" });
    if (!r.ok) expect(r.message).toMatch(/ZeroDivisionError/);
  });
});

describe("<answer type=\"loncapa/python\">", () => {
  const xml = `<problem><script type="loncapa/python">
target = 6
def helper(): return 1
</script>
<customresponse>
  <textline/><textline/>
  <answer type="loncapa/python">
if submission[0] == str(target):
    correct = ['correct', 'incorrect']
else:
    correct = ['incorrect', 'incorrect']
messages = ['first', 'second']
overall_message = 'done'
  </answer>
</customresponse></problem>`;

  it("sets correct, messages and overall_message from the JSON-safe context", async () => {
    const r = await grade(xml, { "1_2_1": "6", "1_2_2": "x" });
    expect(r).toMatchObject({ ok: true, earned: 1, correctness: { "1_2_1": "correct", "1_2_2": "incorrect" } });
    if (r.ok) expect(r.messages).toMatchObject({ "1_2_1": "first", "1_2_2": "second", "1_2": "done" });
  });

  it("functions from the script are not visible there (NameError → response error)", async () => {
    const r = await grade(xml.replace("if submission[0] == str(target):", "if helper():"), { "1_2_1": "6", "1_2_2": "x" });
    expect(r).toMatchObject({ ok: false, error: "response_error" });
  });
});

describe("failing scripts", () => {
  it("a script that raises makes the problem a problem_error with the author's message", async () => {
    const xml = `<problem><script type="loncapa/python">x = undefined_name</script><p>$x</p>
<stringresponse answer="a"><textline/></stringresponse></problem>`;
    const r = await grade(xml, { "1_2_1": "a" });
    expect(r).toMatchObject({ ok: false, error: "problem_error" });
    if (!r.ok) expect(r.message).toMatch(/NameError/);
    const model = await renderProblemScripted(xml, { runner: pool, seed: 1 });
    expect(model.supported).toBe(false);
    expect(model.nodes).toEqual([]);
  });
});

describe("jsinput (JavaScript input) graded by a Python check", () => {
  const xml = (attrs = 'html_file="/static/game.html"') => `<problem>
<script type="loncapa/python">
import json
def check(expect, ans):
    r = json.loads(ans)
    n = int(r["answer"])
    state = json.loads(r["state"])
    if n == 42 and state["moves"] >= 1:
        return True
    if n == 41:
        return {"ok": "partial", "grade_decimal": 0.5, "msg": "close"}
    return False
</script>
<customresponse cfn="check">
  <jsinput gradefn="Game.getGrade" get_statefn="Game.state.get" set_statefn="Game.state.set" initial_state='{"moves": 0}' width="500" height="300" title="Puzzle" sop="false" ${attrs}/>
</customresponse>
</problem>`;
  const o = () => ({ runner: pool, seed: 1, problemId: "1" });
  const ans = (n: string, moves: number) => ({ "1_2_1": JSON.stringify({ answer: n, state: JSON.stringify({ moves }) }) });

  it("is supported: the render model carries the page, the dotted function names and the initial state", async () => {
    const model = await renderProblemScripted(xml(), o());
    expect(model.supported).toBe(true);
    expect(model.inputs).toEqual([
      {
        id: "1_2_1",
        responseId: "1_2",
        responseType: "customresponse",
        descriptions: [],
        questionLabel: "Question 1",
        kind: "jsinput",
        src: "/static/game.html",
        gradeFn: "Game.getGrade",
        getStateFn: "Game.state.get",
        setStateFn: "Game.state.set",
        initialState: '{"moves": 0}',
        width: 500,
        height: 300,
        title: "Puzzle",
      },
    ]);
    expect(JSON.stringify(model.nodes)).not.toContain("gradefn");
  });

  it("grades the {answer, state} JSON through cfn, with partial credit", async () => {
    expect(await gradeProblemScripted(xml(), ans("42", 3), o())).toMatchObject({ ok: true, earned: 1, possible: 1, correctness: { "1_2_1": "correct" } });
    expect(await gradeProblemScripted(xml(), ans("42", 0), o())).toMatchObject({ ok: true, earned: 0, correctness: { "1_2_1": "incorrect" } });
    const partial = await gradeProblemScripted(xml(), ans("41", 1), o());
    expect(partial).toMatchObject({ ok: true, earned: 0.5, correctness: { "1_2_1": "partially-correct" } });
    if (partial.ok) expect(partial.messages?.["1_2_1"]).toBe("close");
  });

  it("refuses pages on other sites, non-HTML files and function names that are not JavaScript names", async () => {
    const external = await renderProblemScripted(xml('html_file="https://files.example.org/x.html"'), o());
    expect(external.supported).toBe(false);
    expect(external.reason).toMatch(/loads a page from another site \(https:\/\/files\.example\.org\/x\.html\)/);
    expect((await renderProblemScripted(xml('html_file="/static/app.js"'), o())).reason).toMatch(/must be an HTML file stored with the course/);
    expect((await renderProblemScripted(xml().replace('gradefn="Game.getGrade"', 'gradefn="alert(1)"'), o())).reason).toMatch(/gradefn is not a JavaScript name/);
    expect((await renderProblemScripted(xml().replace('gradefn="Game.getGrade"', ""), o())).reason).toMatch(/has no gradefn/);
  });
});
