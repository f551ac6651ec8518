// previewProblemAction on the real MariaDB: an author previews the problem editor's OLX (converted
// from markdown) and gets graded; malformed OLX answers with a plain message; learners and
// strangers are refused; nothing is persisted. The session is the only thing stubbed.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));

import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/lib/db";
import { problemStates, submissions } from "@/lib/db/schema";
import { enrollUser } from "@/lib/db/queries/enrollments";
import { previewProblemAction } from "@/lib/actions/studio/preview-problem-action";
import { markdownToOlx } from "@/lib/studio/problem-markdown";
import { setProblemAttributes } from "@/lib/studio/problem-settings";
import { createTestCourse, createTestUser, grantRole } from "./lms-helpers";

const MD = `>>What is 2 + 2?<<
= 4 +- 0.1 {{ Well done. }}

[explanation]
Two and two make four.
[explanation]

|| Count on your fingers. ||
`;

async function setup() {
  const c = await createTestCourse({ sections: [{ type: "chapter", name: "ch", children: [{ type: "sequential", name: "seq", children: [{ type: "vertical", name: "u1", children: [{ type: "problem", name: "p1" }] }] }] }] });
  const author = await createTestUser("author");
  await grantRole({ userId: author.id, courseId: c.courseId, role: "staff" });
  const learner = await createTestUser("learner");
  await enrollUser({ userId: learner.id, courseId: c.courseId, actorId: learner.id });
  return { c, author, learner };
}

beforeEach(() => {
  session.user = null;
});
afterAll(async () => {
  await closeDb();
});

describe("previewProblemAction", () => {
  it("renders the author's OLX and grades answers right and wrong, weighted, persisting nothing", async () => {
    const { c, author } = await setup();
    session.user = author;
    const olx = setProblemAttributes(markdownToOlx(MD), [["display_name", "Sum"], ["weight", "5"]]);

    const rendered = await previewProblemAction({ courseKey: c.courseKey, olx, answers: {}, grade: false });
    expect(rendered.ok).toBe(true);
    if (!rendered.ok) return;
    expect(rendered.data.grade).toBeNull();
    const model = rendered.data.view.model!;
    expect(model.inputs.map((i) => [i.id, i.kind, i.label])).toEqual([["1_2_1", "numeric", "What is 2 + 2?"]]);
    expect(rendered.data.view.possible).toBe(5);
    expect(rendered.data.solutions.join(" ")).toContain("Two and two make four.");
    expect(rendered.data.demandHints).toEqual(["Count on your fingers."]);

    const right = await previewProblemAction({ courseKey: c.courseKey, olx, answers: { "1_2_1": "4.05" } });
    expect(right.ok && right.data.grade).toMatchObject({ ok: true, correctness: { "1_2_1": "correct" }, earned: 5, possible: 5 });
    expect(right.ok && right.data.grade?.ok && right.data.grade.hints["1_2_1"]).toContain("Well done.");
    const wrong = await previewProblemAction({ courseKey: c.courseKey, olx, answers: { "1_2_1": "5" } });
    expect(wrong.ok && wrong.data.grade).toMatchObject({ ok: true, correctness: { "1_2_1": "incorrect" }, earned: 0, possible: 5 });
    const unreadable = await previewProblemAction({ courseKey: c.courseKey, olx, answers: { "1_2_1": "4 +" } });
    expect(unreadable.ok && unreadable.data.grade).toMatchObject({ ok: false });

    expect(await getDb().select().from(problemStates).where(eq(problemStates.courseId, c.courseId))).toHaveLength(0);
    expect(await getDb().select().from(submissions).where(eq(submissions.courseId, c.courseId))).toHaveLength(0);
  });

  it("answers malformed or unsupported OLX with a plain message, never a stack trace", async () => {
    const { c, author } = await setup();
    session.user = author;
    const broken = await previewProblemAction({ courseKey: c.courseKey, olx: "<problem><p>unclosed</problem>", answers: {} });
    expect(broken.ok).toBe(true);
    if (broken.ok) {
      expect(broken.data.view.supported).toBe(false);
      expect(broken.data.view.reason).toMatch(/^The OLX is not well-formed XML/);
      expect(broken.data.view.reason).not.toMatch(/\bat \S+ \(|\.ts:\d+/);
    }
    // Python-checked problems preview through the learners' sandbox: graded, not refused.
    const py = '<problem><script type="loncapa/python">\ndef f(expect, ans):\n    return ans.strip() == "4"\n</script><customresponse cfn="f"><textline/></customresponse></problem>';
    const right = await previewProblemAction({ courseKey: c.courseKey, olx: py, answers: { "1_2_1": "4" } });
    expect(right.ok && right.data.view.supported).toBe(true);
    expect(right.ok && right.data.grade).toMatchObject({ ok: true, correctness: { "1_2_1": "correct" } });
    const wrong = await previewProblemAction({ courseKey: c.courseKey, olx: py, answers: { "1_2_1": "5" } });
    expect(wrong.ok && wrong.data.grade).toMatchObject({ ok: true, correctness: { "1_2_1": "incorrect" } });
    const unknownInput = await previewProblemAction({ courseKey: c.courseKey, olx: markdownToOlx(MD), answers: { nope: "1" } });
    expect(unknownInput).toMatchObject({ ok: false, code: "invalid:unknown_input" });
  });

  it("previews an annotation problem: its tags without their choices, a long comment accepted, graded and answered", async () => {
    const { c, author } = await setup();
    session.user = author;
    const olx = `<problem><annotationresponse><annotationinput><text>zealous pilgrimage</text><comment>Where?</comment><comment_prompt>Discuss:</comment_prompt>
      <options><option choice="incorrect">Verona</option><option choice="correct">Nowhere</option></options></annotationinput></annotationresponse></problem>`;
    const answer = JSON.stringify({ options: [1], comment: "mind ".repeat(600) });
    const res = await previewProblemAction({ courseKey: c.courseKey, olx, answers: { "1_2_1": answer } });
    expect(res.ok, JSON.stringify(res)).toBe(true);
    if (!res.ok) return;
    expect(res.data.view.model?.inputs[0]).toMatchObject({ kind: "annotation", commentPrompt: "Discuss:", options: [{ value: 0, html: "Verona" }, { value: 1, html: "Nowhere" }] });
    expect(JSON.stringify(res.data.view.model?.inputs)).not.toContain("choice");
    expect(res.data.grade).toMatchObject({ ok: true, correctness: { "1_2_1": "correct" }, rawEarned: 2, rawPossible: 2 });
    expect(res.data.correctAnswers).toEqual({ "1_2_1": { kind: "annotation", option: 1, text: "Nowhere" } });
    const unreadable = await previewProblemAction({ courseKey: c.courseKey, olx, answers: { "1_2_1": "Nowhere" } });
    expect(unreadable.ok && unreadable.data.grade).toMatchObject({ ok: false, message: expect.stringMatching(/could not be read/) });
  });

  it("refuses learners, strangers and anonymous callers", async () => {
    const { c, learner } = await setup();
    const olx = markdownToOlx(MD);
    session.user = learner;
    expect(await previewProblemAction({ courseKey: c.courseKey, olx, answers: { "1_2_1": "4" } })).toMatchObject({ ok: false, code: "forbidden:course" });
    session.user = await createTestUser("stranger");
    expect(await previewProblemAction({ courseKey: c.courseKey, olx, answers: {} })).toMatchObject({ ok: false, code: "forbidden:course" });
    session.user = null;
    expect(await previewProblemAction({ courseKey: c.courseKey, olx, answers: {} })).toMatchObject({ ok: false, code: "unauthorized" });
  });
});
