// Randomized content on MariaDB (issue 11 item 3): library_content picks persist per learner in
// learner_content_choices, are stable for each of two learners across page loads, and survive a
// new course version that adds children (where a fresh hash pick would differ) or removes some.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { learnerContentChoices, problemStates } from "@/lib/db/schema";
import { libraryChoiceKey, resolveLearnerContent } from "@/lib/lms/learner-content";
import { buildOutline, componentsOf, type BlockRow } from "@/lib/lms/outline";
import { loadLearnerContent } from "@/lib/lms/personalize";

const K = (t: string, n: string) => `block-v1:O+C+R+type@${t}+block@${n}`;
const LIB = K("library_content", "lib");

function outlineWith(children: string[]) {
  const rows: BlockRow[] = [];
  let pos = 0;
  const add = (t: string, n: string, parent: string | null, settings: Record<string, unknown> = {}) =>
    rows.push({ usageKey: K(t, n), blockType: t, urlName: n, parentUsageKey: parent, position: pos++, displayName: n, settings, definitionHash: null, unsupportedReason: null });
  add("course", "R", null);
  add("chapter", "ch", K("course", "R"));
  add("sequential", "seq", K("chapter", "ch"));
  add("vertical", "u", K("sequential", "seq"));
  add("library_content", "lib", K("vertical", "u"), { max_count: "2" });
  for (const c of children) add("problem", c, LIB);
  return buildOutline(rows);
}

const base = Array.from({ length: 6 }, (_, i) => `q${i}`);
const grown = [...base, ...Array.from({ length: 30 }, (_, i) => `n${i}`)];
const courseId = 900_000 + Math.floor(Math.random() * 90_000);
const now = new Date();
const shown = (o: ReturnType<typeof outlineWith>, content: Awaited<ReturnType<typeof loadLearnerContent>>) =>
  componentsOf(o.byKey.get(K("vertical", "u"))!, { staff: false, now, content }).map((c) => c.usageKey);

describe("learner content choices on MariaDB", () => {
  it("two learners keep their own picks across loads and across a new version", async () => {
    const v1 = outlineWith(base);
    const v2 = outlineWith(grown);
    // Learners whose fresh pick under v2 differs from their v1 pick: only persistence keeps it.
    const learners: number[] = [];
    for (let id = 1; learners.length < 2 && id < 10_000; id++) {
      const a = resolveLearnerContent({ outline: v1, learnerId: courseId * 10 + id, stored: new Map() }).content.library.get(LIB)!;
      const b = resolveLearnerContent({ outline: v2, learnerId: courseId * 10 + id, stored: new Map() }).content.library.get(LIB)!;
      if (a.join() !== b.join()) learners.push(courseId * 10 + id);
    }
    expect(learners).toHaveLength(2);

    const picks = new Map<number, string[]>();
    for (const userId of learners) {
      // The page reads without writing; the unit-view action persists.
      const read = await loadLearnerContent({ outline: v1, userId, courseId, completed: new Set() });
      const stored0 = await getDb().select().from(learnerContentChoices).where(and(eq(learnerContentChoices.userId, userId), eq(learnerContentChoices.courseId, courseId)));
      expect(stored0).toHaveLength(0);
      const persisted = await loadLearnerContent({ outline: v1, userId, courseId, completed: new Set(), persist: true });
      expect(persisted!.library.get(LIB)).toEqual(read!.library.get(LIB));
      const rows = await getDb().select().from(learnerContentChoices).where(and(eq(learnerContentChoices.userId, userId), eq(learnerContentChoices.courseId, courseId)));
      expect(rows.map((r) => [r.choiceKey, r.value])).toEqual([[libraryChoiceKey(LIB), persisted!.library.get(LIB)]]);
      picks.set(userId, shown(v1, persisted));
      expect(picks.get(userId)).toHaveLength(2);
      // Again: the same pick, nothing rewritten.
      const again = await loadLearnerContent({ outline: v1, userId, courseId, completed: new Set(), persist: true });
      expect(shown(v1, again)).toEqual(picks.get(userId));
    }

    for (const userId of learners) {
      // New version with 30 more children: the persisted pick stays.
      const after = await loadLearnerContent({ outline: v2, userId, courseId, completed: new Set(), persist: true });
      expect(shown(v2, after)).toEqual(picks.get(userId));
      // A version that drops one picked child: the other stays, one new child fills the gap, and that is persisted.
      const dropped = picks.get(userId)![0].split("@").pop()!;
      const v3 = outlineWith(grown.filter((c) => c !== dropped));
      const third = await loadLearnerContent({ outline: v3, userId, courseId, completed: new Set(), persist: true });
      const s3 = shown(v3, third);
      expect(s3).toHaveLength(2);
      expect(s3).toContain(picks.get(userId)![1]);
      const [row] = await getDb().select().from(learnerContentChoices).where(and(eq(learnerContentChoices.userId, userId), eq(learnerContentChoices.courseId, courseId)));
      expect([...(row.value as string[])].sort()).toEqual([...s3].sort());
    }
  });

  it("a conditional reads its source problem's state by type and url_name: shown once submitted, hidden again after a reset", async () => {
    const rows: BlockRow[] = [];
    let pos = 0;
    const add = (t: string, n: string, parent: string | null, settings: Record<string, unknown> = {}) =>
      rows.push({ usageKey: K(t, n), blockType: t, urlName: n, parentUsageKey: parent, position: pos++, displayName: n, settings, definitionHash: null, unsupportedReason: null });
    add("course", "R", null);
    add("chapter", "ch", K("course", "R"));
    add("sequential", "seq", K("chapter", "ch"));
    add("vertical", "u", K("sequential", "seq"));
    // An html block with the same url_name as the problem: the typed locator picks the problem.
    add("html", "x", K("vertical", "u"));
    add("problem", "x", K("vertical", "u"));
    add("conditional", "c", K("vertical", "u"), { sources: "i4x://O/C/problem/x", submitted: "True", message: "Submit {link} first." });
    add("html", "secret", K("conditional", "c"));
    const outline = buildOutline(rows);
    const userId = courseId * 10 + 99_999;
    const unit = async () => {
      const content = await loadLearnerContent({ outline, userId, courseId, completed: new Set([K("html", "x")]) });
      return componentsOf(outline.byKey.get(K("vertical", "u"))!, { staff: false, now, content }).map((c) => c.urlName);
    };
    expect(await unit()).toEqual(["x", "x", "c"]);
    await getDb().insert(problemStates).values({ userId, courseId, usageKey: K("problem", "x"), seed: 1, attempts: 1, done: true, earned: 0, possible: 1 });
    expect(await unit()).toEqual(["x", "x", "secret"]);
    // Reset: attempts stay, the problem is no longer submitted (Open edX's is_submitted).
    await getDb().update(problemStates).set({ done: false, earned: 0 }).where(and(eq(problemStates.userId, userId), eq(problemStates.courseId, courseId)));
    expect(await unit()).toEqual(["x", "x", "c"]);
    await getDb().delete(problemStates).where(and(eq(problemStates.userId, userId), eq(problemStates.courseId, courseId)));
  });
});
