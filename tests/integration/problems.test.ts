// The learner-problem service on the real MariaDB: grading and persisted grades, refusals that
// change nothing, concurrency, reset, show answer, hints, staff reset and the rescore job.
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { completions, courseGrades, jobs, problemStates, subsectionGrades, submissions } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import {
  getDemandHint,
  getProblemView,
  resetLearnerAttempts,
  resetProblem,
  runRescoreJob,
  showAnswer,
  startRescoreJob,
  submitAnswer,
} from "@/lib/problems";
import { MC, NUM, createCourse, createUser, publishNewVersion } from "./problems-helpers";

afterAll(async () => {
  await closeDb();
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return "ok";
}

async function stateOf(userId: number, courseId: number, usageKey: string) {
  const rows = await getDb()
    .select()
    .from(problemStates)
    .where(and(eq(problemStates.userId, userId), eq(problemStates.courseId, courseId), eq(problemStates.usageKey, usageKey)));
  return rows[0] ?? null;
}

async function submissionCount(userId: number, courseId: number, usageKey: string) {
  const rows = await getDb()
    .select()
    .from(submissions)
    .where(and(eq(submissions.userId, userId), eq(submissions.courseId, courseId), eq(submissions.usageKey, usageKey), eq(submissions.kind, "submit")));
  return rows.length;
}

async function courseGradeOf(userId: number, courseId: number) {
  const rows = await getDb().select().from(courseGrades).where(and(eq(courseGrades.userId, userId), eq(courseGrades.courseId, courseId)));
  return rows[0] ?? null;
}

describe("submitAnswer: grading and persisted grades", () => {
  it("grades, stores state + history, marks completion, recomputes subsection and course grades", async () => {
    const c = await createCourse({
      subsections: [
        { urlName: "hw1", format: "Homework", problems: [{ urlName: "mc1", xml: MC() }, { urlName: "num1", xml: NUM(), settings: { weight: 3 } }] },
        { urlName: "practice", graded: false, problems: [{ urlName: "mc2", xml: MC() }] },
      ],
      gradingPolicy: { GRADER: [{ type: "Homework", min_count: 2, drop_count: 0, weight: 1 }], GRADE_CUTOFFS: { A: 0.9, Pass: 0.3 } },
    });
    const u = await createUser();

    const wrong = await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("mc1"), answers: { mc1_2_1: "choice_0" } });
    expect(wrong.correctness).toEqual({ mc1_2_1: "incorrect" });
    expect(wrong.attempts).toBe(1);
    expect(wrong.earned).toBe(0);
    let g = await courseGradeOf(u.id, c.courseId);
    expect(g?.percent).toBe(0);
    expect(g?.passed).toBe(false);

    const right = await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("mc1"), answers: { mc1_2_1: "choice_1" } });
    expect(right.correctness).toEqual({ mc1_2_1: "correct" });
    expect(right.attempts).toBe(2);
    // hw1: mc1 1/1 + num1 0/3 (weight 3, unanswered) = 1/4 → 0.25; min_count 2 pads a 0 → 0.125 → 0.13
    g = await courseGradeOf(u.id, c.courseId);
    expect(g?.percent).toBe(0.13);
    expect(right.coursePercent).toBe(0.13);

    const num = await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("num1"), answers: { num1_2_1: "10/2" } });
    expect(num.correctness).toEqual({ num1_2_1: "correct" });
    expect(num).toMatchObject({ earned: 3, possible: 3, rawEarned: 1, rawPossible: 1 });
    g = await courseGradeOf(u.id, c.courseId);
    expect(g?.percent).toBe(0.5); // (1 + 0) / 2
    expect(g?.letterGrade).toBe("Pass");
    expect(g?.passed).toBe(true);

    const subs = await getDb().select().from(subsectionGrades).where(and(eq(subsectionGrades.userId, u.id), eq(subsectionGrades.courseId, c.courseId)));
    const hw1 = subs.find((s) => s.usageKey.endsWith("block@hw1"))!;
    expect(hw1).toMatchObject({ earned: 4, possible: 4, graded: true, assignmentType: "Homework" });
    const practice = subs.find((s) => s.usageKey.endsWith("block@practice"))!;
    expect(practice).toMatchObject({ earned: 0, possible: 1, graded: false });

    const st = await stateOf(u.id, c.courseId, c.key("mc1"));
    expect(st).toMatchObject({ attempts: 2, done: true, earned: 1, possible: 1, answers: { mc1_2_1: "choice_1" } });
    expect(await submissionCount(u.id, c.courseId, c.key("mc1"))).toBe(2);
    const comp = await getDb().select().from(completions).where(and(eq(completions.userId, u.id), eq(completions.usageKey, c.key("mc1"))));
    expect(comp).toHaveLength(1);
  });
});

describe("submitAnswer: only what changed is written", () => {
  it("leaves an unchanged course grade row as it was, and rewrites it when the grade moves", async () => {
    const c = await createCourse({
      subsections: [{ urlName: "hw", format: "Homework", problems: [{ urlName: "mc1", xml: MC() }] }],
      gradingPolicy: { GRADER: [{ type: "Homework", min_count: 1, drop_count: 0, weight: 1 }], GRADE_CUTOFFS: { Pass: 0.5 } },
    });
    const u = await createUser();
    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("mc1"), answers: { mc1_2_1: "choice_0" } });
    const long = new Date("2001-02-03T04:05:06Z");
    const where = and(eq(courseGrades.userId, u.id), eq(courseGrades.courseId, c.courseId));
    await getDb().update(courseGrades).set({ updatedAt: long }).where(where);

    const again = await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("mc1"), answers: { mc1_2_1: "choice_0" } });
    expect(again).toMatchObject({ attempts: 2, coursePercent: 0 });
    let g = await courseGradeOf(u.id, c.courseId);
    expect(g).toMatchObject({ percent: 0, passed: false });
    expect(g?.updatedAt.getTime()).toBe(long.getTime()); // the same grade: not rewritten

    const right = await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("mc1"), answers: { mc1_2_1: "choice_1" } });
    expect(right).toMatchObject({ attempts: 3, coursePercent: 1 });
    g = await courseGradeOf(u.id, c.courseId);
    expect(g).toMatchObject({ percent: 1, letterGrade: "Pass", passed: true });
    expect(g?.updatedAt.getTime()).not.toBe(long.getTime());
    // three submissions, one completion (the later ones find the state already done)
    expect(await submissionCount(u.id, c.courseId, c.key("mc1"))).toBe(3);
    expect(await getDb().select().from(completions).where(and(eq(completions.userId, u.id), eq(completions.usageKey, c.key("mc1"))))).toHaveLength(1);
  });
});

describe("submitAnswer: feedback", () => {
  it("returns choice-hint feedback, sanitized", async () => {
    const xml = `<problem><multiplechoiceresponse><choicegroup type="MultipleChoice"><choice correct="false">A<choicehint>Not A <script>alert(1)</script><b onclick="x()">look again</b></choicehint></choice><choice correct="true">B</choice></choicegroup></multiplechoiceresponse></problem>`;
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "fb", xml }] }] });
    const u = await createUser();
    const r = await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("fb"), answers: { fb_2_1: "choice_0" } });
    expect(r.hints.fb_2_1).toContain("Not A");
    expect(r.hints.fb_2_1).toContain("look again");
    expect(r.hints.fb_2_1).not.toMatch(/<script|onclick/);
  });
});

describe("submitAnswer: refusals change nothing", () => {
  it("a malformed numeric answer uses no attempt and keeps the score", async () => {
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "n", xml: NUM(), settings: { max_attempts: 2 } }] }] });
    const u = await createUser();
    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("n"), answers: { n_2_1: "5" } });
    for (const bad of ["5 five", "x+1", "1/0", "(2"]) {
      expect(await codeOf(submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("n"), answers: { n_2_1: bad } }))).toBe("invalid:student_input");
    }
    const st = await stateOf(u.id, c.courseId, c.key("n"));
    expect(st).toMatchObject({ attempts: 1, earned: 1, answers: { n_2_1: "5" } });
    expect(await submissionCount(u.id, c.courseId, c.key("n"))).toBe(1);
    expect((await courseGradeOf(u.id, c.courseId))?.percent).toBe(1);
  });

  it("refuses after the due date, honouring the grace period", async () => {
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    const c = await createCourse({
      subsections: [
        {
          urlName: "s",
          format: "Homework",
          problems: [
            { urlName: "late", xml: MC(), settings: { due: hourAgo } },
            { urlName: "grace", xml: MC(), settings: { due: hourAgo, graceperiod: "1 day" } },
          ],
        },
      ],
    });
    const u = await createUser();
    expect(await codeOf(submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("late"), answers: { late_2_1: "choice_1" } }))).toBe("forbidden:past_due");
    expect((await stateOf(u.id, c.courseId, c.key("late")))?.attempts ?? 0).toBe(0);
    expect(await codeOf(submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("grace"), answers: { grace_2_1: "choice_1" } }))).toBe("ok");
  });

  it("enforces submission_wait_seconds", async () => {
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "w", xml: MC(), settings: { submission_wait_seconds: 60 } }] }] });
    const u = await createUser();
    const t0 = new Date();
    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("w"), answers: { w_2_1: "choice_0" }, now: t0 });
    const early = submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("w"), answers: { w_2_1: "choice_1" }, now: new Date(t0.getTime() + 30_000) });
    expect(await codeOf(early)).toBe("rate_limited:submission_wait");
    expect((await stateOf(u.id, c.courseId, c.key("w")))?.attempts).toBe(1);
    const later = await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("w"), answers: { w_2_1: "choice_1" }, now: new Date(t0.getTime() + 61_000) });
    expect(later.attempts).toBe(2);
  });

  it("refuses unknown input ids, wrong shapes and oversized answers", async () => {
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "q", xml: MC() }] }] });
    const u = await createUser();
    const submit = (answers: unknown) => submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("q"), answers });
    expect(await codeOf(submit({ q_2_1: "choice_1", q_9_1: "x" }))).toBe("invalid:unknown_input");
    expect(await codeOf(submit({ "1_2_1": "choice_1" }))).toBe("invalid:unknown_input");
    expect(await codeOf(submit({ q_2_1: "x".repeat(5000) }))).toBe("invalid:answer_too_long");
    expect(await codeOf(submit({ q_2_1: 42 }))).toBe("invalid:answers");
    expect(await codeOf(submit(["choice_1"]))).toBe("invalid:answers");
    expect(await stateOf(u.id, c.courseId, c.key("q"))).toBeNull();
    expect(await codeOf(submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("nope"), answers: {} }))).toBe("not_found:block");
  });

  it("refuses past max_attempts", async () => {
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "m", xml: MC(), settings: { max_attempts: 1 } }] }] });
    const u = await createUser();
    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("m"), answers: { m_2_1: "choice_0" } });
    expect(await codeOf(submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("m"), answers: { m_2_1: "choice_1" } }))).toBe("forbidden:no_attempts_left");
    expect((await stateOf(u.id, c.courseId, c.key("m")))?.earned).toBe(0);
  });

  it("refuses an image-click problem whose image has no size (unsupported)", async () => {
    const xml = `<problem><imageresponse><imageinput src="x.png" rectangle="(1,1)-(2,2)"/></imageresponse></problem>`;
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "py", xml }] }] });
    const u = await createUser();
    expect(await codeOf(submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("py"), answers: { py_2_1: "1" } }))).toBe("invalid:unsupported_problem");
  });

  it("an image-click answer that is not [x,y] uses no attempt; a click inside the rectangle is correct", async () => {
    const xml = `<problem><imageresponse><imageinput src="/static/map.png" width="600" height="638" rectangle="(338,98)-(412,168)"/></imageresponse></problem>`;
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "img", xml, settings: { max_attempts: 2 } }] }] });
    const u = await createUser();
    const submit = (answer: string) => submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("img"), answers: { img_2_1: answer } });
    expect((await submit("[100,100]")).correctness).toEqual({ img_2_1: "incorrect" });
    for (const bad of ["370,130", "[370]", "[-1,2]", "[a,b]"]) expect(await codeOf(submit(bad))).toBe("invalid:student_input");
    expect(await stateOf(u.id, c.courseId, c.key("img"))).toMatchObject({ attempts: 1, answers: { img_2_1: "[100,100]" } });
    const right = await submit("[370,130]");
    expect(right).toMatchObject({ correctness: { img_2_1: "correct" }, attempts: 2, earned: 1 });
    const view = await getProblemView({ courseId: c.courseId, courseKey: c.courseKey, usageKey: c.key("img"), definitionXml: xml, settings: {}, userId: u.id });
    expect(view.model?.inputs[0]).toMatchObject({ kind: "image", width: 600, height: 638, src: expect.stringMatching(/^\/assets\/.*\/map\.png/) });
    expect(view.answers).toEqual({ img_2_1: "[370,130]" });
  });
});

describe("annotation problems", () => {
  it("a tag and a comment are one JSON answer: not JSON uses no attempt; the correct tag earns 2 of 2; the view restores it", async () => {
    const xml = `<problem><annotationresponse><annotationinput><title>Sonnet <script>x()</script>27</title><text>zealous pilgrimage</text><comment>Where?</comment>
      <options><option choice="incorrect">Verona</option><option choice="partially-correct">Venice</option><option choice="correct">Nowhere</option></options></annotationinput></annotationresponse></problem>`;
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "ann", xml, settings: { max_attempts: 3 } }] }] });
    const u = await createUser();
    const submit = (answer: string) => submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("ann"), answers: { ann_2_1: answer } });
    for (const bad of ["Nowhere", "{options:[2]}"]) expect(await codeOf(submit(bad))).toBe("invalid:student_input");
    expect(await stateOf(u.id, c.courseId, c.key("ann"))).toMatchObject({ attempts: 0 });
    expect(await submit(JSON.stringify({ options: [1], comment: "near" }))).toMatchObject({ correctness: { ann_2_1: "partially-correct" }, attempts: 1, rawEarned: 1, rawPossible: 2 });
    // A long commentary fits (the comment is free text), within the total answer size.
    const long = "word ".repeat(800);
    const right = await submit(JSON.stringify({ options: [2], comment: long }));
    expect(right).toMatchObject({ correctness: { ann_2_1: "correct" }, attempts: 2, rawEarned: 2, rawPossible: 2, earned: 2 });
    const view = await getProblemView({ courseId: c.courseId, courseKey: c.courseKey, usageKey: c.key("ann"), definitionXml: xml, settings: {}, userId: u.id });
    const input = view.model?.inputs[0];
    expect(input).toMatchObject({ kind: "annotation", text: "zealous pilgrimage", comment: "Where?", options: [{ value: 0, html: "Verona" }, { value: 1, html: "Venice" }, { value: 2, html: "Nowhere" }] });
    // Author HTML is sanitized like every problem fragment; the choices never reach the browser.
    expect(JSON.stringify(input)).not.toMatch(/<script|choice=|"correct"/);
    expect(JSON.parse(view.answers.ann_2_1 as string)).toEqual({ options: [2], comment: long });
    expect(view.earned).toBe(2);
  });
});

describe("concurrency", () => {
  it("5 parallel submits on max_attempts=1 count exactly once", async () => {
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "c1", xml: MC(), settings: { max_attempts: 1 } }] }] });
    const u = await createUser();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("c1"), answers: { c1_2_1: i % 2 ? "choice_0" : "choice_1" } })),
    );
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    expect(fulfilled).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).code).toBe("forbidden:no_attempts_left");
    expect((await stateOf(u.id, c.courseId, c.key("c1")))?.attempts).toBe(1);
    expect(await submissionCount(u.id, c.courseId, c.key("c1"))).toBe(1);
  });

  it("parallel submits without a limit each count once (no lost updates)", async () => {
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "c2", xml: MC() }, { urlName: "c3", xml: MC() }] }] });
    const u = await createUser();
    await Promise.all([
      ...Array.from({ length: 4 }, () => submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("c2"), answers: { c2_2_1: "choice_1" } })),
      ...Array.from({ length: 3 }, () => submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("c3"), answers: { c3_2_1: "choice_1" } })),
    ]);
    expect((await stateOf(u.id, c.courseId, c.key("c2")))?.attempts).toBe(4);
    expect((await stateOf(u.id, c.courseId, c.key("c3")))?.attempts).toBe(3);
    expect((await courseGradeOf(u.id, c.courseId))?.percent).toBe(1);
  });
});

describe("reset, show answer, hints", () => {
  it("reset clears answers and score, keeps attempts, only where allowed", async () => {
    const c = await createCourse({
      subsections: [
        {
          urlName: "s",
          format: "Homework",
          problems: [
            { urlName: "r1", xml: MC(), settings: { show_reset_button: true, max_attempts: 3 } },
            { urlName: "r2", xml: MC() },
            { urlName: "r3", xml: MC(), settings: { rerandomize: "onreset" } },
          ],
        },
      ],
    });
    const u = await createUser();
    expect(await codeOf(resetProblem({ userId: u.id, courseId: c.courseId, usageKey: c.key("r1") }))).toBe("conflict:not_submitted");
    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("r1"), answers: { r1_2_1: "choice_0" } });
    const r = await resetProblem({ userId: u.id, courseId: c.courseId, usageKey: c.key("r1") });
    expect(r.attempts).toBe(1);
    expect(await stateOf(u.id, c.courseId, c.key("r1"))).toMatchObject({ attempts: 1, done: false, earned: 0, answers: {} });

    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("r2"), answers: { r2_2_1: "choice_0" } });
    expect(await codeOf(resetProblem({ userId: u.id, courseId: c.courseId, usageKey: c.key("r2") }))).toBe("forbidden:reset_not_allowed");

    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("r3"), answers: { r3_2_1: "choice_0" } });
    const before = (await stateOf(u.id, c.courseId, c.key("r3")))!.seed;
    const after = await resetProblem({ userId: u.id, courseId: c.courseId, usageKey: c.key("r3"), random: () => ((before + 1) % 1000) / 1000 });
    expect(after.seed).not.toBe(before);

    // A full score hides Reset.
    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("r1"), answers: { r1_2_1: "choice_1" } });
    expect(await codeOf(resetProblem({ userId: u.id, courseId: c.courseId, usageKey: c.key("r1") }))).toBe("forbidden:reset_not_allowed");
  });

  it("show answer follows showanswer, on the server", async () => {
    const c = await createCourse({
      subsections: [
        {
          urlName: "s",
          format: "Homework",
          problems: [
            { urlName: "a1", xml: MC(), settings: { showanswer: "attempted" } },
            { urlName: "a2", xml: MC(), settings: { showanswer: "never" } },
            { urlName: "a3", xml: MC(), settings: { showanswer: "finished", max_attempts: 1 } },
            { urlName: "a4", xml: MC(), settings: { showanswer: "always" } },
          ],
        },
      ],
    });
    const u = await createUser();
    const show = (u2: string, isStaff = false) => showAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key(u2), isStaff });
    expect(await codeOf(show("a1"))).toBe("forbidden:answer_hidden");
    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("a1"), answers: { a1_2_1: "choice_0" } });
    const rev = await show("a1");
    expect(rev.correctAnswers.a1_2_1).toEqual({ kind: "choices", values: ["choice_1"] });
    expect(rev.solutions.join("")).toContain("Because B.");
    expect(await codeOf(show("a2", true))).toBe("forbidden:answer_hidden");
    expect(await codeOf(show("a3"))).toBe("forbidden:answer_hidden");
    expect(await codeOf(show("a3", true))).toBe("ok");
    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("a3"), answers: { a3_2_1: "choice_0" } });
    expect(await codeOf(show("a3"))).toBe("ok"); // closed: attempts used up
    expect(await codeOf(show("a4"))).toBe("ok");

    // The view never ships answers, solutions or hints to the browser.
    const view = await getProblemView({ courseId: c.courseId, courseKey: c.courseKey, usageKey: c.key("a4"), definitionXml: MC(), settings: { showanswer: "always" }, userId: u.id });
    expect(view.model?.correctAnswers).toEqual({});
    expect(view.model?.solutions).toEqual([]);
    expect(view.model?.demandHints).toEqual([]);
    expect(view.hintCount).toBe(2);
    expect(view.answerAvailable).toBe(true);
  });

  it("demand hints wrap around", async () => {
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "h", xml: MC() }] }] });
    const h0 = await getDemandHint({ courseId: c.courseId, usageKey: c.key("h"), index: 0 });
    const h1 = await getDemandHint({ courseId: c.courseId, usageKey: c.key("h"), index: 1 });
    const h2 = await getDemandHint({ courseId: c.courseId, usageKey: c.key("h"), index: 2 });
    expect(h0.html).toContain("First hint");
    expect(h1.html).toContain("Second hint");
    expect(h2).toEqual(h0);
    expect(h0.total).toBe(2);
  });
});

describe("staff tools", () => {
  it("resetting a learner's attempts lets them submit again and keeps their score", async () => {
    const c = await createCourse({ subsections: [{ urlName: "s", format: "Homework", problems: [{ urlName: "x", xml: MC(), settings: { max_attempts: 1 } }] }] });
    const u = await createUser();
    await submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("x"), answers: { x_2_1: "choice_1" } });
    expect(await codeOf(submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("x"), answers: { x_2_1: "choice_1" } }))).toBe("forbidden:no_attempts_left");
    const r = await resetLearnerAttempts({ learnerId: u.id, courseId: c.courseId, usageKey: c.key("x") });
    expect(r.previousAttempts).toBe(1);
    expect(await stateOf(u.id, c.courseId, c.key("x"))).toMatchObject({ attempts: 0, earned: 1 });
    expect((await courseGradeOf(u.id, c.courseId))?.percent).toBe(1);
    expect(await codeOf(submitAnswer({ userId: u.id, courseId: c.courseId, usageKey: c.key("x"), answers: { x_2_1: "choice_0" } }))).toBe("ok");
    const other = await createUser();
    expect(await codeOf(resetLearnerAttempts({ learnerId: other.id, courseId: c.courseId, usageKey: c.key("x") }))).toBe("not_found:problem_state");
  });

  it("rescore job re-grades every learner's stored answers against the fixed problem and updates grades", async () => {
    const subs = (answer: string) => [{ urlName: "s", format: "Homework", problems: [{ urlName: "fix", xml: NUM(answer), settings: { max_attempts: 1 } }] }];
    const c = await createCourse({ subsections: subs("6") }); // author's mistake: the answer is 5
    const staff = await createUser("staff");
    const learners = await Promise.all([createUser(), createUser(), createUser()]);
    await submitAnswer({ userId: learners[0].id, courseId: c.courseId, usageKey: c.key("fix"), answers: { fix_2_1: "5" } });
    await submitAnswer({ userId: learners[1].id, courseId: c.courseId, usageKey: c.key("fix"), answers: { fix_2_1: "6" } });
    // learners[2] never answered
    expect((await courseGradeOf(learners[0].id, c.courseId))?.percent).toBe(0);

    await publishNewVersion(c, subs("5"));
    const jobId = await startRescoreJob({ courseId: c.courseId, courseKey: c.courseKey, usageKey: c.key("fix"), createdBy: staff.id });
    await runRescoreJob({ jobId });
    const [job] = await getDb().select().from(jobs).where(eq(jobs.id, jobId));
    expect(job.status).toBe("succeeded");
    expect(job.result).toMatchObject({ total: 2, changed: 2, failed: 0 });
    expect(job.progress).toMatchObject({ done: 2, total: 2 });

    expect(await stateOf(learners[0].id, c.courseId, c.key("fix"))).toMatchObject({ earned: 1, attempts: 1 });
    expect(await stateOf(learners[1].id, c.courseId, c.key("fix"))).toMatchObject({ earned: 0, attempts: 1 });
    expect(await stateOf(learners[2].id, c.courseId, c.key("fix"))).toBeNull();
    expect((await courseGradeOf(learners[0].id, c.courseId))?.percent).toBe(1);
    expect((await courseGradeOf(learners[1].id, c.courseId))?.percent).toBe(0);
    const history = await getDb().select().from(submissions).where(and(eq(submissions.userId, learners[0].id), eq(submissions.kind, "rescore")));
    expect(history).toHaveLength(1);

    // A second run of the same job id is a no-op (already claimed).
    await runRescoreJob({ jobId });
  });
});
