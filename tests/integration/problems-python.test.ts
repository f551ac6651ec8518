// Python-scripted problems through the LMS service: per-learner seeded values on the page, grading
// in the sandbox, a failing script shown neutrally to learners (the author message to staff), and
// rescore re-running the Python.
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { problemStates } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { getProblemView, PROBLEM_UNAVAILABLE, runRescoreJob, startRescoreJob, submitAnswer } from "@/lib/problems";
import { getSandbox } from "@/lib/sandbox/pool";
import { createCourse, createUser, publishNewVersion } from "./problems-helpers";

afterAll(async () => {
  await getSandbox().close();
  await closeDb();
});

const PY = (check = "int(ans) == n") => `<problem>
<script type="loncapa/python">
n = random.randint(1, 100000)
def check(expect, ans):
    return ${check}
</script>
<p>Type the number [[$n]].</p>
<customresponse cfn="check"><textline points="2"/></customresponse>
</problem>`;

const BROKEN = `<problem><script type="loncapa/python">n = 1/0</script><p>$n</p>
<customresponse cfn="check"><textline/></customresponse></problem>`;

async function view(c: { courseId: number; courseKey: string; key: (u: string) => string }, urlName: string, xml: string, userId: number, isStaff = false, settings: Record<string, unknown> = {}) {
  return getProblemView({ courseId: c.courseId, courseKey: c.courseKey, usageKey: c.key(urlName), definitionXml: xml, settings, userId, isStaff });
}

/** The number a rendered PY() problem asks for. */
function shownNumber(v: { model: { nodes: unknown } | null }): string {
  const m = JSON.stringify(v.model?.nodes).match(/\[\[(\d+)\]\]/);
  expect(m).not.toBeNull();
  return m![1];
}

describe("Python-scripted problems in the LMS", () => {
  it("shows the learner's own $n and grades their answer in the sandbox", async () => {
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "py", xml: PY(), settings: { rerandomize: "per_student" } }] }] });
    const u = await createUser();
    // Submitting a wrong answer first creates the learner's state (and seed).
    const wrong = await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("py"), answers: { py_2_1: "0" } });
    expect(wrong.rawEarned).toBe(0);
    expect(wrong.rawPossible).toBe(2);
    const v = await view(c, "py", PY(), u.id);
    expect(v.supported).toBe(true);
    const shown = JSON.stringify(v.model?.nodes).match(/\[\[(\d+)\]\]/);
    expect(shown).not.toBeNull();
    const right = await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("py"), answers: { py_2_1: shown![1] } });
    expect(right.correctness).toEqual({ py_2_1: "correct" });
    expect(right.rawEarned).toBe(2);
  }, 120_000);

  it("before the first answer, the page shows the numbers that answer is graded on (per_student, onreset, always)", async () => {
    for (const rerandomize of ["per_student", "onreset", "always"]) {
      const settings = { rerandomize };
      const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "py", xml: PY(), settings }] }] });
      for (let i = 0; i < 2; i++) {
        const u = await createUser();
        // No state yet: the page's GET writes nothing, and its numbers must be the graded ones.
        const n = shownNumber(await view(c, "py", PY(), u.id, false, settings));
        const first = await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("py"), answers: { py_2_1: n } });
        expect(first.correctness, `${rerandomize}, learner ${i + 1}`).toEqual({ py_2_1: "correct" });
      }
    }
  }, 120_000);

  it("a failing script: learners see a neutral notice (no error text), staff see the author message", async () => {
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "bad", xml: BROKEN }] }] });
    const u = await createUser();
    const learnerView = await view(c, "bad", BROKEN, u.id);
    expect(learnerView).toMatchObject({ supported: false, reason: PROBLEM_UNAVAILABLE, model: null });
    const staffView = await view(c, "bad", BROKEN, u.id, true);
    expect(staffView.reason).toMatch(/ZeroDivisionError/);
    let err: unknown = null;
    try {
      await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("bad"), answers: { bad_2_1: "1" } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("invalid:problem_error");
    expect((err as AppError).message).toBe(PROBLEM_UNAVAILABLE);
  }, 120_000);

  it("rescore re-runs the check function with the learner's seed", async () => {
    const subs = (xml: string) => [{ urlName: "s", format: "Homework", problems: [{ urlName: "fix", xml }] }];
    const c = await createCourse({ subsections: subs(PY("False")) }); // author's bug: nothing is right
    const staff = await createUser("staff");
    const u = await createUser();
    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("fix"), answers: { fix_2_1: "0" } });
    const v = await view(c, "fix", PY("False"), u.id);
    const n = JSON.stringify(v.model?.nodes).match(/\[\[(\d+)\]\]/)![1];
    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("fix"), answers: { fix_2_1: n } });
    await publishNewVersion(c, subs(PY()));
    const jobId = await startRescoreJob({ courseId: c.courseId, courseKey: c.courseKey, usageKey: c.key("fix"), createdBy: staff.id });
    await runRescoreJob({ jobId });
    const [state] = await getDb()
      .select()
      .from(problemStates)
      .where(and(eq(problemStates.userId, u.id), eq(problemStates.courseId, c.courseId), eq(problemStates.usageKey, c.key("fix"))));
    expect(state).toMatchObject({ earned: 2, possible: 2 });
  }, 120_000);
});
