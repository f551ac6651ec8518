// Problems whose rendering differs per learner (a seed-drawn script, shuffled choices) on the real
// MariaDB and sandbox: the unit page shared by every learner carries no render of them, and each
// learner's own render comes with their state (GET …/state?unit=). What that state shows is what
// is graded, before the first answer and after a Reset that draws a new seed; renders that vary
// with the seed alone are kept per seed, others never. The session is the only stub.
import { isValidElement, type ReactElement, type ReactNode } from "react";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

import { ProblemBlock } from "@/components/problem/problem-block";
import { LearnerProblem } from "@/components/problem/learner-problem";
import { renderVariance } from "@/lib/capa/problem";
import { closeDb } from "@/lib/db";
import { learnerProblemStaticView, PROBLEM_UNAVAILABLE, resetProblem, submitAnswer } from "@/lib/problems";
import type { LearnerProblemJson } from "@/lib/problems/view";
import { getSandbox } from "@/lib/sandbox/pool";
import { GET } from "@/app/api/lms/courses/[courseKey]/state/route";
import { createCourse, enroll, grantRole, MC, type TestCourse } from "./problems-helpers";
import { createTestUser } from "./lms-helpers";

afterAll(async () => {
  await getSandbox().close();
  await closeDb();
});
beforeEach(() => {
  session.user = null;
});

/** Draws its number from the learner's seed. */
const PY = `<problem>
<script type="loncapa/python">
n = random.randint(1, 100000)
</script>
<p>Type the number [[$n]].</p>
<numericalresponse answer="$n"><formulaequationinput/></numericalresponse>
</problem>`;
/** Reads the learner, not only the seed: rendered per learner, never kept. */
const PY_LEARNER = `<problem>
<script type="loncapa/python">
who = anonymous_student_id[:6]
</script>
<p>Hello [[$who]]: type 3.</p>
<numericalresponse answer="3"><formulaequationinput/></numericalresponse>
</problem>`;
const SHUFFLED = `<problem><multiplechoiceresponse><label>Pick B</label><choicegroup type="MultipleChoice" shuffle="true">
<choice correct="false">A</choice><choice correct="true">B</choice><choice correct="false">C</choice><choice correct="false">D</choice><choice correct="false">E</choice>
</choicegroup></multiplechoiceresponse></problem>`;

const unitKey = (c: TestCourse) => `block-v1:${c.org}+P101+2026+type@vertical+block@s_v`;

async function learnerIn(c: TestCourse, prefix: string) {
  const u = await createTestUser(prefix);
  await enroll(u.id, c.courseId);
  return u;
}

/** The unit's part of GET …/state?unit= for `user`. */
async function unitState(c: TestCourse, user: SessionUser): Promise<Record<string, LearnerProblemJson>> {
  session.user = user;
  const res = await GET(new Request(`http://x/api?unit=${encodeURIComponent(unitKey(c))}`), { params: Promise.resolve({ courseKey: encodeURIComponent(c.courseKey) }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { unit: { problems: Record<string, LearnerProblemJson> } }).unit.problems;
}

const numberIn = (p: LearnerProblemJson) => {
  const m = JSON.stringify(p.view?.model?.nodes).match(/\[\[(\d+)\]\]/);
  expect(m, "the learner's render shows their number").not.toBeNull();
  return m![1];
};

/** The LearnerProblem element a server-rendered ProblemBlock hands to the client. */
function learnerProblemOf(node: ReactNode): ReactElement<{ base: unknown }> | null {
  if (Array.isArray(node)) return node.map(learnerProblemOf).find((x) => x) ?? null;
  if (!isValidElement<{ children?: ReactNode; base?: unknown }>(node)) return null;
  if (node.type === LearnerProblem) return node as ReactElement<{ base: unknown }>;
  return learnerProblemOf(node.props.children);
}

describe("problems that differ per learner", () => {
  it("say what they vary with", () => {
    expect(renderVariance(PY)).toBe("seed");
    expect(renderVariance(SHUFFLED)).toBe("seed");
    expect(renderVariance(PY_LEARNER)).toBe("learner");
    expect(renderVariance(MC())).toBe("none");
  });

  it("are not in the shared page; each learner's render comes with their state and is what their first answer is graded on", async () => {
    const settings = { rerandomize: "onreset", show_reset_button: true };
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "py", xml: PY, settings }, { urlName: "mc", xml: MC() }] }] });
    // The page: the seeded problem hands the client no render (base null), the alike one its render.
    const block = (urlName: string, xml: string) => ProblemBlock({ courseId: c.courseId, courseKey: c.courseKey, usageKey: c.key(urlName), definitionXml: xml, settings });
    expect(learnerProblemOf(await block("py", PY))!.props.base).toBeNull();
    expect(learnerProblemOf(await block("mc", MC()))!.props.base).toMatchObject({ supported: true });

    const a = await learnerIn(c, "ppa");
    const b = await learnerIn(c, "ppb");
    const sa = await unitState(c, a);
    const sb = await unitState(c, b);
    // Only the problem that differs carries a render.
    expect(sa[c.key("mc")].view).toBeUndefined();
    const na = numberIn(sa[c.key("py")]);
    const nb = numberIn(sb[c.key("py")]);
    expect(na).not.toBe(nb); // two learners, two seeds (1 in 100,000 to collide, and fixed by their ids)
    // Reading the state writes nothing, and reading it again shows the same numbers.
    expect(numberIn((await unitState(c, a))[c.key("py")])).toBe(na);
    // What A was shown is what A's first answer is graded on.
    expect((await submitAnswer({ userId: a.id, courseId: c.courseId, usageKey: c.key("py"), answers: { py_2_1: na } })).correctness).toEqual({ py_2_1: "correct" });
    expect((await submitAnswer({ userId: b.id, courseId: c.courseId, usageKey: c.key("py"), answers: { py_2_1: na } })).correctness).toEqual({ py_2_1: "incorrect" });
  }, 120_000);

  it("a learner's render of a problem goes only where its state goes: not to the unenrolled, not for a staff-only problem", async () => {
    const c = await createCourse({
      subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "py", xml: PY }, { urlName: "hidden", xml: PY, settings: { visible_to_staff_only: true } }] }],
    });
    const learner = await learnerIn(c, "ppv");
    const problems = await unitState(c, learner);
    expect(Object.keys(problems)).toEqual([c.key("py")]);
    expect(JSON.stringify(problems)).not.toContain("hidden");
    const outsider = await createTestUser("ppo");
    session.user = outsider;
    const res = await GET(new Request(`http://x/api?unit=${encodeURIComponent(unitKey(c))}`), { params: Promise.resolve({ courseKey: encodeURIComponent(c.courseKey) }) });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("Type the number");
  }, 120_000);

  it("after a Reset that draws a new seed, the state brings the new numbers, and they are graded right", async () => {
    const settings = { rerandomize: "onreset", show_reset_button: true };
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "py", xml: PY, settings }] }] });
    const u = await learnerIn(c, "ppr");
    const n1 = numberIn((await unitState(c, u))[c.key("py")]);
    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("py"), answers: { py_2_1: "0" } });
    const r1 = await resetProblem({ userId: u.id, courseId: c.courseId, usageKey: c.key("py"), random: () => 0.5 });
    const n2 = numberIn((await unitState(c, u))[c.key("py")]);
    expect(n2).not.toBe(n1);
    expect((await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("py"), answers: { py_2_1: n1 } })).correctness).toEqual({ py_2_1: "incorrect" });
    await resetProblem({ userId: u.id, courseId: c.courseId, usageKey: c.key("py"), random: () => r1.seed / 1000 });
    expect((await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("py"), answers: { py_2_1: n2 } })).correctness).toEqual({ py_2_1: "correct" });
  }, 120_000);

  it("a shuffled problem: each learner's order comes with their state, and their pick is graded by the choice, not its place", async () => {
    const settings = { rerandomize: "per_student" };
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "sh", xml: SHUFFLED, settings }] }] });
    const orders = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const u = await learnerIn(c, `pps${i}`);
      const p = (await unitState(c, u))[c.key("sh")];
      const input = p.view!.model!.inputs[0];
      const choices = input.kind === "radio" ? input.choices : [];
      expect(choices).toHaveLength(5);
      orders.add(JSON.stringify(choices.map((ch) => ch.html)));
      const right = choices.find((ch) => /\bB\b/.test(ch.html))!;
      expect((await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("sh"), answers: { sh_2_1: right.value } })).correctness).toEqual({ sh_2_1: "correct" });
    }
    expect(orders.size).toBeGreaterThan(1);
  }, 120_000);

  it("a failing script that differs per learner: staff see the author message with their state, learners a neutral notice", async () => {
    const BROKEN = `<problem><script type="loncapa/python">n = random.randint(1, 5) / 0</script><p>$n</p>
<numericalresponse answer="1"><formulaequationinput/></numericalresponse></problem>`;
    expect(renderVariance(BROKEN)).toBe("seed");
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "bad", xml: BROKEN }] }] });
    const learner = await learnerIn(c, "ppl");
    const staff = await createTestUser("ppst");
    await grantRole(staff.id, c.courseId, "staff");
    const lv = (await unitState(c, learner))[c.key("bad")].view!;
    expect(lv).toMatchObject({ supported: false, reason: PROBLEM_UNAVAILABLE });
    const sv = (await unitState(c, staff))[c.key("bad")].view!;
    expect(sv.supported).toBe(false);
    expect(sv.reason).toMatch(/ZeroDivisionError/);
  }, 120_000);

  it("a render that varies with the seed alone is kept per (version, problem, seed, audience); one that reads the learner is rendered every time", async () => {
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "py", xml: PY }, { urlName: "who", xml: PY_LEARNER }] }] });
    const [h1, h2] = await Promise.all(
      ["py", "who"].map(async (u) => {
        const { getBlock } = await import("@/lib/db/queries/problems");
        return (await getBlock({ versionId: c.versionId, usageKey: c.key(u) }))!.definitionHash!;
      }),
    );
    const args = (usageKey: string, definitionHash: string, variance: "seed" | "learner", userId: number, storedSeed: number, isStaff = false) => ({
      versionId: c.versionId,
      courseKey: c.courseKey,
      usageKey,
      definitionHash,
      settings: {},
      variance,
      userId,
      storedSeed,
      isStaff,
    });
    const a = await learnerProblemStaticView(args(c.key("py"), h1, "seed", 101, 7));
    // another learner with the same seed shares the render
    expect(await learnerProblemStaticView(args(c.key("py"), h1, "seed", 202, 7))).toBe(a);
    expect(await learnerProblemStaticView(args(c.key("py"), h1, "seed", 101, 8))).not.toBe(a);
    expect(await learnerProblemStaticView(args(c.key("py"), h1, "seed", 101, 7, true))).not.toBe(a);
    const w1 = await learnerProblemStaticView(args(c.key("who"), h2, "learner", 101, 7));
    const w2 = await learnerProblemStaticView(args(c.key("who"), h2, "learner", 202, 7));
    expect(JSON.stringify(w1.model?.nodes)).not.toBe(JSON.stringify(w2.model?.nodes));
    expect(await learnerProblemStaticView(args(c.key("who"), h2, "learner", 101, 7))).not.toBe(w1);
  }, 120_000);
});
