// Many learners submitting at once right after a process starts (cold grading-structure cache)
// must not exhaust the database pool: each submit's transaction holds a pool connection, so the
// structure (which needs a connection of its own) is loaded before the transaction. Before that
// fix, pool-size concurrent submits waited for each other forever (seen under `npm run bench --
// load`). A pool of 3 and 8 submits at once make the deadlock certain if it comes back.
process.env.DATABASE_POOL_SIZE = "3";

import { afterAll, describe, expect, it } from "vitest";
import { renderProblem } from "@/lib/capa";
import { closeDb } from "@/lib/db";
import { submitAnswer } from "@/lib/problems";
import { MC, createCourse, createUser, enroll } from "./problems-helpers";

afterAll(() => closeDb());

describe("concurrent submits on a cold process", () => {
  it("more submits than pool connections all finish", async () => {
    const course = await createCourse({ subsections: [{ urlName: "hw1", problems: [{ urlName: "p1", xml: MC(1) }] }] });
    const model = renderProblem(MC(1), { problemId: "p1", seed: 1 });
    const input = model.inputs[0];
    if (input.kind !== "radio") throw new Error("expected a radio input");
    const answers = { [input.id]: input.choices[1].value };
    const learners = await Promise.all(Array.from({ length: 8 }, () => createUser("cc")));
    for (const l of learners) await enroll(l.id, course.courseId);

    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("submits did not finish within 20 s (pool exhausted?)")), 20_000);
    });
    const results = await Promise.race([
      Promise.all(learners.map((l) => submitAnswer({ userId: l.id, courseId: course.courseId, usageKey: course.key("p1"), answers }))),
      stuck,
    ]).finally(() => clearTimeout(timer));
    expect(results).toHaveLength(8);
    for (const r of results) {
      expect(r.attempts).toBe(1);
      expect(r.correctness[input.id]).toBe("correct");
    }
  }, 30_000);
});
