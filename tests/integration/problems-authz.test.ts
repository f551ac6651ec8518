// Refusals, end to end on the real MariaDB: every problem action (submit, reset, show answer, hint,
// staff reset of attempts, rescore) and the job, export and import routes, called as a role that
// must be refused (anonymous, a signed-in user who is not enrolled, another course's staff, and a
// learner for staff tools). Each test asserts the refusal AND that no learner, grade, job or course
// row changed. Learners also cannot submit to, or see the answer or hints of, a staff-only or
// unreleased problem. The session is the only thing stubbed: actions run as a chosen user.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { createHash } from "node:crypto";
import { asc, inArray, or } from "drizzle-orm";
import { NextRequest } from "next/server";
import { getContentStore } from "@/lib/content";
import { closeDb, getDb } from "@/lib/db";
import { completions, courseGrades, courseRoles, courses, courseVersions, enrollments, jobs, problemStates, subsectionGrades, submissions } from "@/lib/db/schema";
import { createJob } from "@/lib/db/queries/jobs";
import { AppError } from "@/lib/errors";
import { loadProblem } from "@/lib/problems";
import { getDemandHintAction } from "@/lib/actions/problems/get-demand-hint-action";
import { resetLearnerAttemptsAction } from "@/lib/actions/problems/reset-learner-attempts-action";
import { resetProblemAction } from "@/lib/actions/problems/reset-problem-action";
import { showAnswerAction } from "@/lib/actions/problems/show-answer-action";
import { startRescoreAction } from "@/lib/actions/problems/start-rescore-action";
import { submitProblemAction } from "@/lib/actions/problems/submit-problem-action";
import { GET as instructorJobGET } from "@/app/(lms)/courses/[courseKey]/instructor/jobs/[jobId]/route";
import { GET as studioJobGET } from "@/app/api/studio/jobs/[jobId]/route";
import { GET as exportGET } from "@/app/api/studio/courses/[courseKey]/export/route";
import { POST as importPOST } from "@/app/api/studio/import/route";
import { MC, createCourse, createUser, enroll, grantRole, type TestCourse } from "./problems-helpers";

const FUTURE = "2999-01-01T00:00:00Z";

type Role = "anonymous" | "outsider" | "otherStaff" | "learner";
const users = {} as Record<Exclude<Role, "anonymous"> | "staff", SessionUser>;
let A: TestCourse;
let B: TestCourse;

async function sessionUser(prefix: string): Promise<SessionUser> {
  const u = await createUser(prefix);
  return { id: u.id, email: u.email, username: u.username, fullName: u.username, isAdmin: false, canCreateCourses: false, isActive: true };
}

function as(role: Role | "staff") {
  session.user = role === "anonymous" ? null : users[role];
}

/** Every row an action or route here could change: learner state and grades, jobs, course rows. */
async function snapshot(): Promise<string> {
  const db = getDb();
  const ids = [A.courseId, B.courseId];
  const userIds = Object.values(users).map((u) => u.id);
  const [ps, sub, comp, sg, cg, jb, en, roles, cs, vs] = await Promise.all([
    db.select().from(problemStates).where(inArray(problemStates.courseId, ids)).orderBy(asc(problemStates.id)),
    db.select().from(submissions).where(inArray(submissions.courseId, ids)).orderBy(asc(submissions.id)),
    db.select().from(completions).where(inArray(completions.courseId, ids)).orderBy(asc(completions.id)),
    db.select().from(subsectionGrades).where(inArray(subsectionGrades.courseId, ids)).orderBy(asc(subsectionGrades.id)),
    db.select().from(courseGrades).where(inArray(courseGrades.courseId, ids)).orderBy(asc(courseGrades.id)),
    db.select().from(jobs).where(or(inArray(jobs.courseKey, [A.courseKey, B.courseKey]), inArray(jobs.createdBy, userIds))).orderBy(asc(jobs.id)),
    db.select().from(enrollments).where(inArray(enrollments.courseId, ids)).orderBy(asc(enrollments.id)),
    db.select().from(courseRoles).where(inArray(courseRoles.courseId, ids)).orderBy(asc(courseRoles.id)),
    db.select().from(courses).where(inArray(courses.id, ids)).orderBy(asc(courses.id)),
    db.select().from(courseVersions).where(inArray(courseVersions.courseId, ids)).orderBy(asc(courseVersions.id)),
  ]);
  return JSON.stringify({ ps, sub, comp, sg, cg, jb, en, roles, cs, vs });
}

/** Runs `fn`, then asserts that nothing in the snapshot changed. */
async function unchanged<T>(fn: () => Promise<T>): Promise<T> {
  const before = await snapshot();
  const out = await fn();
  expect(await snapshot()).toBe(before);
  return out;
}

type Call = () => Promise<unknown>;

const refusedCode = (role: Role) => (role === "anonymous" ? "unauthorized" : "forbidden:course");

let rescoreJobId: number;
let importJobId: number;

beforeAll(async () => {
  const problems = [
    { urlName: "open", xml: MC(), settings: { show_reset_button: true, showanswer: "always" } },
    { urlName: "staffonly", xml: MC(), settings: { visible_to_staff_only: true, showanswer: "always" } },
    { urlName: "later", xml: MC(), settings: { start: FUTURE, showanswer: "always" } },
  ];
  A = await createCourse({ subsections: [{ urlName: "hw", format: "Homework", problems }] });
  B = await createCourse({ subsections: [{ urlName: "hw", format: "Homework", problems: [{ urlName: "open", xml: MC() }] }] });
  users.learner = await sessionUser("learner");
  users.outsider = await sessionUser("outsider");
  users.otherStaff = await sessionUser("bstaff");
  users.staff = await sessionUser("astaff");
  await enroll(users.learner.id, A.courseId);
  await grantRole(users.otherStaff.id, B.courseId, "staff");
  await grantRole(users.staff.id, A.courseId, "staff");
  // The learner has answered (so there is state a refused reset or rescore could change).
  as("learner");
  const first = await submitProblemAction({ courseId: A.courseId, usageKey: A.key("open"), answers: { open_2_1: "choice_0" } });
  expect(first.ok).toBe(true);
  rescoreJobId = await createJob({ kind: "rescore", courseKey: A.courseKey, createdBy: users.staff.id, payload: { courseId: A.courseId, usageKey: A.key("open") } });
  importJobId = await createJob({ kind: "import", courseKey: A.courseKey, createdBy: users.staff.id, payload: { fileName: "a.tar.gz" } });
});

beforeEach(() => {
  session.user = null;
});

afterAll(async () => {
  await closeDb();
});

describe("problem actions refuse callers outside the course and change nothing", () => {
  const learnerActions: Record<"submit" | "reset" | "show answer" | "hint", Call> = {
    submit: () => submitProblemAction({ courseId: A.courseId, usageKey: A.key("open"), answers: { open_2_1: "choice_1" } }),
    reset: () => resetProblemAction({ courseId: A.courseId, usageKey: A.key("open") }),
    "show answer": () => showAnswerAction({ courseId: A.courseId, usageKey: A.key("open") }),
    hint: () => getDemandHintAction({ courseId: A.courseId, usageKey: A.key("open"), index: 0 }),
  };
  for (const [name, call] of Object.entries(learnerActions)) {
    for (const role of ["anonymous", "outsider", "otherStaff"] as const) {
      it(`${name} as ${role}`, async () => {
        as(role);
        const r = await unchanged(call);
        expect(r).toMatchObject({ ok: false, code: refusedCode(role) });
      });
    }
  }

  const staffActions: Record<"reset attempts" | "rescore", Call> = {
    "reset attempts": () => resetLearnerAttemptsAction({ courseId: A.courseId, usageKey: A.key("open"), learnerId: users.learner.id }),
    rescore: () => startRescoreAction({ courseId: A.courseId, usageKey: A.key("open") }),
  };
  for (const [name, call] of Object.entries(staffActions)) {
    for (const role of ["anonymous", "learner", "outsider", "otherStaff"] as const) {
      it(`${name} as ${role}`, async () => {
        as(role);
        const r = await unchanged(call);
        expect(r).toMatchObject({ ok: false, code: refusedCode(role) });
      });
    }
  }

  it("the same calls succeed for the course's own learner/staff (the refusals above are about the role)", async () => {
    as("learner");
    expect(await learnerActions.hint()).toMatchObject({ ok: true, data: { index: 0, total: 2 } });
    expect(await learnerActions["show answer"]()).toMatchObject({ ok: true });
    as("staff");
    expect(await staffActions["reset attempts"]()).toMatchObject({ ok: true, data: { previousAttempts: 1 } });
  });
});

describe("hidden problems: a learner cannot submit to, reset, or see the answer or hints of a staff-only or unreleased problem", () => {
  const calls = (usageKey: string): Record<"submit" | "reset" | "show answer" | "hint", Call> => ({
    submit: () => submitProblemAction({ courseId: A.courseId, usageKey, answers: { [`${usageKey.split("@").pop()}_2_1`]: "choice_1" } }),
    reset: () => resetProblemAction({ courseId: A.courseId, usageKey }),
    "show answer": () => showAnswerAction({ courseId: A.courseId, usageKey }),
    hint: () => getDemandHintAction({ courseId: A.courseId, usageKey, index: 0 }),
  });
  const names = ["submit", "reset", "show answer", "hint"] as const;
  for (const hidden of ["staffonly", "later"]) {
    for (const name of names) {
      it(`${name} on the ${hidden} problem as an enrolled learner`, async () => {
        as("learner");
        const r = await unchanged(() => calls(A.key(hidden))[name]());
        expect(r).toMatchObject({ ok: false, code: "not_found:block" });
        expect(JSON.stringify(r)).not.toContain("Because B"); // no solution text leaks
      });
    }
  }

  it("course staff may answer the staff-only problem (it exists; the learner refusal is about visibility)", async () => {
    as("staff");
    expect(await calls(A.key("staffonly")).submit()).toMatchObject({ ok: true, data: { attempts: 1 } });
    expect(await calls(A.key("later"))["show answer"]()).toMatchObject({ ok: true });
  });

  it("loadProblem treats a caller that does not say isStaff as a learner", async () => {
    const args = { courseId: A.courseId, usageKey: A.key("staffonly") } as Parameters<typeof loadProblem>[0];
    await expect(loadProblem(args)).rejects.toMatchObject({ code: "not_found:block" });
    await expect(loadProblem({ ...args, usageKey: A.key("later") })).rejects.toBeInstanceOf(AppError);
    await expect(loadProblem({ ...args, isStaff: true })).resolves.toMatchObject({ problemId: "staffonly" });
    // @ts-expect-error isStaff is required: a new caller that forgets it does not compile.
    void (() => loadProblem({ courseId: A.courseId, usageKey: A.key("open") }));
  });
});

describe("job, export and import routes refuse callers outside the course and change nothing", () => {
  const params = <T,>(p: T) => ({ params: Promise.resolve(p) });
  const routes = {
    "rescore job status": () => instructorJobGET(new Request("http://localhost/x"), params({ courseKey: encodeURIComponent(A.courseKey), jobId: String(rescoreJobId) })),
    "import job status": () => studioJobGET(new Request("http://localhost/x"), params({ jobId: String(importJobId) })),
    export: () => exportGET(new NextRequest(`http://localhost/api/studio/courses/${encodeURIComponent(A.courseKey)}/export`), params({ courseKey: encodeURIComponent(A.courseKey) })),
    "re-import": () =>
      importPOST(
        new NextRequest(`http://localhost/api/studio/import?courseKey=${encodeURIComponent(A.courseKey)}&name=x.tar.gz`, { method: "POST", body: IMPORT_BODY }),
      ),
  };
  for (const [name, call] of Object.entries(routes)) {
    for (const role of ["anonymous", "learner", "outsider", "otherStaff"] as const) {
      it(`${name} as ${role}`, async () => {
        as(role);
        const res = await unchanged(call);
        expect([401, 403]).toContain(res.status);
        expect(res.headers.get("content-type")).toMatch(/json/);
        const body = (await res.json()) as { error?: { code: string } };
        expect(body.error?.code).toMatch(role === "anonymous" ? /^unauthorized$/ : /^forbidden:(course|studio)$/);
        expect(JSON.stringify(body)).not.toMatch(/progress|jobId|a\.tar\.gz/);
        // A refused upload is not stored either.
        if (name === "re-import") expect(await getContentStore().exists(IMPORT_HASH)).toBe(false);
      });
    }
  }

  it("the course's staff get the job statuses (the refusals above are about the role)", async () => {
    as("staff");
    expect((await routes["rescore job status"]()).status).toBe(200);
    expect((await routes["import job status"]()).status).toBe(200);
  });
});

const IMPORT_BODY = Buffer.from(`not really a tarball ${Date.now()} ${Math.random()}`);
const IMPORT_HASH = createHash("sha256").update(IMPORT_BODY).digest("hex");
