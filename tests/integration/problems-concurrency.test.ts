// Many learners submitting at once never get an error: 16 learners × 20 submissions, all in flight
// together, on one problem and on its siblings (same subsection, so every regrade rewrites the same
// learners' subsection rows side by side in the index). Every submission must be acknowledged and
// stored exactly once. Before the fix, the regrade's range DELETE (… NOT IN …) and upserts took gap
// locks and MariaDB answered ER_LOCK_DEADLOCK, which escaped as `internal`.
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { problemStates, subsectionGrades, submissions } from "@/lib/db/schema";
import { submitAnswer } from "@/lib/problems";
import { txRetryStats } from "@/lib/problems/service";
import { MC, createCourse, createUser } from "./problems-helpers";

afterAll(async () => {
  await closeDb();
});

const LEARNERS = 16;
const PER_LEARNER = 20;

describe("concurrent submissions", () => {
  it(`${LEARNERS} learners × ${PER_LEARNER} submissions at once: 0 failures, rows = acknowledged`, { timeout: 180_000 }, async () => {
    const problems = ["cc1", "cc2", "cc3", "cc4"];
    const c = await createCourse({
      subsections: [
        { urlName: "hwA", format: "Homework", problems: problems.slice(0, 3).map((u) => ({ urlName: u, xml: MC() })) },
        { urlName: "hwB", format: "Homework", problems: [{ urlName: problems[3], xml: MC() }] },
        { urlName: "hwC", format: "Homework", problems: [{ urlName: "cc5", xml: MC() }] },
      ],
    });
    const learners = await Promise.all(Array.from({ length: LEARNERS }, () => createUser("cc")));
    // Half the learners hammer one problem; the others rotate over its siblings and the next subsection.
    const jobs = learners.flatMap((u, li) =>
      Array.from({ length: PER_LEARNER }, (_, k) => {
        const urlName = li % 2 === 0 ? "cc1" : problems[k % problems.length];
        return { userId: u.id, urlName, answer: k % 3 === 0 ? "choice_0" : "choice_1" };
      }),
    );
    const retriesBefore = txRetryStats.retries;
    const started = Date.now();
    const results = await Promise.allSettled(
      jobs.map((j) => submitAnswer({ userId: j.userId, courseId: c.courseId, usageKey: c.key(j.urlName), answers: { [`${j.urlName}_2_1`]: j.answer } })),
    );
    const ms = Date.now() - started;
    const failures = results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason));
    console.info(`[concurrency] ${jobs.length} submissions by ${LEARNERS} learners in ${ms} ms; failures: ${failures.length}; transactions re-run after a lock conflict: ${txRetryStats.retries - retriesBefore}`);
    expect(failures).toEqual([]);

    const ids = learners.map((u) => u.id);
    const [{ n }] = await getDb()
      .select({ n: sql<number>`count(*)` })
      .from(submissions)
      .where(and(eq(submissions.courseId, c.courseId), inArray(submissions.userId, ids), eq(submissions.kind, "submit")));
    expect(Number(n)).toBe(jobs.length);
    // Attempts add up per learner and problem (no lost update), and each learner has one row per subsection.
    const states = await getDb().select().from(problemStates).where(and(eq(problemStates.courseId, c.courseId), inArray(problemStates.userId, ids)));
    const expected = new Map<string, number>();
    for (const j of jobs) expected.set(`${j.userId}|${c.key(j.urlName)}`, (expected.get(`${j.userId}|${c.key(j.urlName)}`) ?? 0) + 1);
    expect(new Map(states.map((s) => [`${s.userId}|${s.usageKey}`, s.attempts]))).toEqual(expected);
    const grades = await getDb().select().from(subsectionGrades).where(and(eq(subsectionGrades.courseId, c.courseId), inArray(subsectionGrades.userId, ids)));
    expect(grades).toHaveLength(LEARNERS * 3);
  });
});
