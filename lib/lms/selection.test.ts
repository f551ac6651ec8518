// Randomized and conditional content, pure (issue 11 item 3): library_content picks per learner
// (stable, refreshed like Open edX's make_selection), split_test groups, conditional conditions,
// and componentsOf showing exactly what the learner's choices say.
import { describe, expect, it } from "vitest";
import { buildOutline, componentsOf, type BlockRow } from "./outline";
import { libraryChoiceKey, partitionChoiceKey, resolveLearnerContent } from "./learner-content";
import {
  assignGroup, conditionMet, conditionOf, locatorName, maxCountOf, seedOf, selectLibraryChildren, stableHash, type ChoiceStore, type SourceState,
} from "./selection";

const kids = (n: number, p = "c") => Array.from({ length: n }, (_, i) => `${p}${i}`);

describe("selectLibraryChildren", () => {
  it("picks max_count children, the same for the same learner and block, in child order", () => {
    const children = kids(10);
    const a1 = selectLibraryChildren({ children, maxCount: "3", previous: null, seed: seedOf(1, "lib") });
    const a2 = selectLibraryChildren({ children, maxCount: 3, previous: null, seed: seedOf(1, "lib") });
    expect(a1.selected).toHaveLength(3);
    expect(a1.selected).toEqual(a2.selected);
    expect(a1.changed).toBe(true);
    expect([...a1.selected].sort((x, y) => children.indexOf(x) - children.indexOf(y))).toEqual(a1.selected);
  });

  it("differs between learners (not everyone gets the first children)", () => {
    const children = kids(10);
    const picks = new Set(Array.from({ length: 20 }, (_, i) => selectLibraryChildren({ children, maxCount: 2, previous: null, seed: seedOf(i, "lib") }).selected.join(",")));
    expect(picks.size).toBeGreaterThan(5);
  });

  it("keeps a previous pick whose children still exist, even when new children are added", () => {
    const prev = ["c7", "c2"];
    const r = selectLibraryChildren({ children: [...kids(10), ...kids(50, "new")], maxCount: 2, previous: prev, seed: seedOf(1, "lib") });
    expect(r.selected.sort()).toEqual(["c2", "c7"]);
    expect(r.changed).toBe(false);
  });

  it("replaces only the removed child of a previous pick", () => {
    const r = selectLibraryChildren({ children: kids(10).filter((k) => k !== "c7"), maxCount: 2, previous: ["c7", "c2"], seed: seedOf(1, "lib") });
    expect(r.selected).toContain("c2");
    expect(r.selected).toHaveLength(2);
    expect(r.selected).not.toContain("c7");
    expect(r.changed).toBe(true);
  });

  it("a lowered max_count drops extras; a raised one adds", () => {
    const down = selectLibraryChildren({ children: kids(10), maxCount: 1, previous: ["c1", "c5", "c8"], seed: "s" });
    expect(down.selected).toHaveLength(1);
    expect(["c1", "c5", "c8"]).toContain(down.selected[0]);
    const up = selectLibraryChildren({ children: kids(10), maxCount: 4, previous: ["c1", "c5"], seed: "s" });
    expect(up.selected).toHaveLength(4);
    expect(up.selected).toEqual(expect.arrayContaining(["c1", "c5"]));
  });

  it("fixed mode shows the first max_count; a negative max_count means all", () => {
    expect(selectLibraryChildren({ children: kids(5), maxCount: 2, mode: "fixed", previous: null, seed: "x" }).selected).toEqual(["c0", "c1"]);
    expect(maxCountOf("-1", 5)).toBe(5);
    expect(maxCountOf(undefined, 5)).toBe(5);
    expect(maxCountOf("9", 5)).toBe(5);
  });

  it("stableHash is stable (a known value) and spreads", () => {
    expect(stableHash("atrium")).toBe(stableHash("atrium"));
    expect(stableHash("a")).not.toBe(stableHash("b"));
  });
});

describe("assignGroup", () => {
  const groups = [{ id: 3 }, { id: 1 }, { id: 2 }];
  it("keeps a persisted group while it exists; otherwise hashes learner + partition", () => {
    expect(assignGroup({ groups, previous: 2, seed: "x" })).toEqual({ groupId: 2, changed: false });
    const a = assignGroup({ groups, previous: 9, seed: "x" });
    expect([1, 2, 3]).toContain(a.groupId);
    expect(a.changed).toBe(true);
    expect(assignGroup({ groups: [...groups].reverse(), previous: null, seed: "x" }).groupId).toBe(assignGroup({ groups, previous: null, seed: "x" }).groupId);
    const seen = new Set(Array.from({ length: 30 }, (_, i) => assignGroup({ groups, previous: null, seed: `u${i}` }).groupId));
    expect(seen.size).toBe(3);
  });
});

/** A source block's state: a problem nobody has touched, with some facts changed. */
const st = (over: Partial<SourceState> = {}): SourceState => ({ problem: true, attempted: false, submitted: false, done: false, correct: false, ...over });

describe("conditions (ConditionalBlock)", () => {
  it("reads locators with their type: i4x://, block-v1:, or a bare url_name", () => {
    expect(locatorName("i4x://Org/C/problem/p1")).toEqual({ type: "problem", name: "p1" });
    expect(locatorName("block-v1:O+C+R+type@problem+block@p2")).toEqual({ type: "problem", name: "p2" });
    const modern = conditionOf({ sources_list: '["block-v1:O+C+R+type@problem+block@p1"]', conditional_attr: "is_correct", conditional_value: "True", conditional_message: "Answer {link} first" });
    expect(modern).toMatchObject({ sources: [{ type: "problem", name: "p1" }], attr: "correct", value: true, message: "Answer  first" });
    const old = conditionOf({ sources: "i4x://O/C/problem/p1; i4x://O/C/video/p1", attempted: "True", show_tag_list: ["i4x://O/C/html/h9", "i4x://O/C/problem/a;i4x://O/C/video/b"] });
    expect(old).toMatchObject({ attr: "attempted", value: true });
    expect(old.sources).toEqual([{ type: "problem", name: "p1" }, { type: "video", name: "p1" }]);
    // One <show sources="a;b"> (as an Open edX export writes it) names several blocks.
    expect(old.show).toEqual([{ type: "html", name: "h9" }, { type: "problem", name: "a" }, { type: "video", name: "b" }]);
    expect(conditionOf({ sources: "p" }).sources).toEqual([{ type: null, name: "p" }]);
    // An empty sources_list falls back to the sources attribute, as Open edX's __init__ does.
    expect(conditionOf({ sources_list: [], sources: "i4x://O/C/problem/p3" }).sources).toEqual([{ type: "problem", name: "p3" }]);
  });

  it("picks the condition as Open edX does: default correct=True, the last of conditions_map's attributes wins", () => {
    expect(conditionOf({ sources: "p" })).toMatchObject({ attr: "correct", value: true, unsupported: null });
    expect(conditionOf({ sources: "p", submitted: "True" })).toMatchObject({ attr: "submitted", value: true });
    expect(conditionOf({ sources: "p", attempted: "False" })).toMatchObject({ attr: "attempted", value: false });
    expect(conditionOf({ sources: "p", correct: "True", attempted: "True" }).attr).toBe("correct");
    expect(conditionOf({ sources: "p", attempted: "True", submitted: "True" }).attr).toBe("attempted");
    // Atrium's own spelling for completion, when none of Open edX's is there.
    expect(conditionOf({ sources: "p", completed: "True" }).attr).toBe("done");
    const poll = conditionOf({ sources: "i4x://A/B/poll_question/pq", poll_answer: "y" });
    expect(poll.unsupported).toMatch(/poll/);
    expect(conditionMet(poll, () => st({ attempted: true, submitted: true, done: true, correct: true }))).toBe(false);
    // poll_answer comes first in conditions_map: a later "correct" is the condition.
    expect(conditionOf({ sources: "p", poll_answer: "y", correct: "True" })).toMatchObject({ attr: "correct", unsupported: null });
  });

  it("is met when every source found meets it; missing sources are skipped; none found is not met", () => {
    const cond = conditionOf({ sources: "p1;p2", conditional_attr: "attempted", conditional_value: "true" });
    const states: Record<string, SourceState> = { p1: st({ attempted: true }), p2: st() };
    expect(conditionMet(cond, (r) => states[r.name])).toBe(false);
    expect(conditionMet(cond, () => st({ attempted: true }))).toBe(true);
    expect(conditionMet(cond, (r) => (r.name === "p1" ? st({ attempted: true }) : undefined))).toBe(true);
    expect(conditionMet(cond, () => undefined)).toBe(false);
    expect(conditionMet(conditionOf({ attempted: "True" }), () => st({ attempted: true }))).toBe(false);
    const correct = conditionOf({ sources: "p1", conditional_attr: "correct" });
    expect(conditionMet(correct, () => st({ attempted: true, submitted: true }))).toBe(false);
    expect(conditionMet(correct, () => st({ attempted: true, submitted: true, correct: true }))).toBe(true);
  });

  it("submitted is false after a reset (attempts stay); problem attributes never hold for other blocks", () => {
    const afterReset = st({ attempted: true, submitted: false });
    expect(conditionMet(conditionOf({ sources: "p", submitted: "True" }), () => afterReset)).toBe(false);
    expect(conditionMet(conditionOf({ sources: "p", attempted: "True" }), () => afterReset)).toBe(true);
    const html = st({ problem: false, done: true });
    expect(conditionMet(conditionOf({ sources: "h", attempted: "False" }), () => html)).toBe(false);
    expect(conditionMet(conditionOf({ sources: "h", completed: "True" }), () => html)).toBe(true);
  });
});

// A unit with a library (5 problems, max 2), a split_test (two groups) and a conditional.
const K = (t: string, n: string) => `block-v1:O+C+R+type@${t}+block@${n}`;
function rows(libChildren = ["q0", "q1", "q2", "q3", "q4"]): BlockRow[] {
  const r: BlockRow[] = [];
  let pos = 0;
  const add = (t: string, n: string, parent: string | null, settings: Record<string, unknown> = {}) =>
    r.push({ usageKey: K(t, n), blockType: t, urlName: n, parentUsageKey: parent, position: pos++, displayName: n, settings, definitionHash: null, unsupportedReason: null });
  add("course", "R", null, { user_partitions: [{ id: 50, scheme: "random", groups: [{ id: 0, name: "A" }, { id: 1, name: "B" }] }] });
  add("chapter", "ch", K("course", "R"));
  add("sequential", "seq", K("chapter", "ch"));
  add("vertical", "u", K("sequential", "seq"));
  add("library_content", "lib", K("vertical", "u"), { max_count: 2 });
  for (const q of libChildren) add("problem", q, K("library_content", "lib"));
  add("split_test", "exp", K("vertical", "u"), { user_partition_id: 50, group_id_to_child: '{"0": "i4x://O/C/vertical/ga", "1": "i4x://O/C/vertical/gb"}' });
  add("vertical", "ga", K("split_test", "exp"));
  add("html", "ha", K("vertical", "ga"));
  add("vertical", "gb", K("split_test", "exp"));
  add("html", "hb", K("vertical", "gb"));
  add("conditional", "cond", K("vertical", "u"), { sources: "i4x://O/C/problem/q0", conditional_attr: "attempted", conditional_message: "Try q0 first." });
  add("html", "secret", K("conditional", "cond"));
  return r;
}

describe("resolveLearnerContent + componentsOf", () => {
  const now = new Date();
  const unitOf = (o: ReturnType<typeof buildOutline>) => o.byKey.get(K("vertical", "u"))!;

  it("each learner sees their own max_count picks and one group, stable across calls", () => {
    const outline = buildOutline(rows());
    const seen = (learnerId: number, stored: ChoiceStore = new Map()) => {
      const { content, toSave } = resolveLearnerContent({ outline, learnerId, stored });
      const comps = componentsOf(unitOf(outline), { staff: false, now, content }).map((c) => c.urlName);
      return { comps, toSave };
    };
    const a = seen(1);
    expect(a.comps.filter((n) => n.startsWith("q"))).toHaveLength(2);
    expect(a.comps.filter((n) => n === "ha" || n === "hb")).toHaveLength(1);
    expect(a.comps).toContain("cond"); // condition not met: the message block
    expect(a.comps).not.toContain("secret");
    expect(seen(1).comps).toEqual(a.comps);
    expect(a.toSave.get(libraryChoiceKey(K("library_content", "lib")))).toHaveLength(2);
    expect([0, 1]).toContain(a.toSave.get(partitionChoiceKey(50)));
    // With the saved choices, nothing more to save and the same view.
    const again = seen(1, a.toSave);
    expect(again.comps).toEqual(a.comps);
    expect(again.toSave.size).toBe(0);
    const views = new Set(Array.from({ length: 12 }, (_, i) => seen(i + 10).comps.join(",")));
    expect(views.size).toBeGreaterThan(2);
  });

  it("a new version keeps the persisted pick where the children still exist", () => {
    const v1 = buildOutline(rows());
    const first = resolveLearnerContent({ outline: v1, learnerId: 7, stored: new Map() });
    const picked = first.content.library.get(K("library_content", "lib"))!;
    const v2 = buildOutline(rows(["q0", "q1", "q2", "q3", "q4", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8"]));
    const second = resolveLearnerContent({ outline: v2, learnerId: 7, stored: first.toSave });
    expect(second.content.library.get(K("library_content", "lib"))).toEqual(picked);
  });

  it("resolves sources and <show> blocks by type and url_name; when met shows its children, then the <show> blocks", () => {
    const r: BlockRow[] = [];
    let pos = 0;
    const add = (t: string, n: string, parent: string | null, settings: Record<string, unknown> = {}) =>
      r.push({ usageKey: K(t, n), blockType: t, urlName: n, parentUsageKey: parent, position: pos++, displayName: n, settings, definitionHash: null, unsupportedReason: null });
    add("course", "R", null);
    add("chapter", "ch", K("course", "R"));
    add("sequential", "seq", K("chapter", "ch"));
    add("vertical", "u", K("sequential", "seq"));
    // A problem and an html block share the url_name "x".
    add("html", "x", K("vertical", "u"));
    add("problem", "x", K("vertical", "u"));
    add("conditional", "c1", K("vertical", "u"), { sources: "i4x://O/C/problem/x", attempted: "True", show_tag_list: ["i4x://O/C/html/extra;i4x://O/C/conditional/c1"] });
    add("html", "inside", K("conditional", "c1"));
    // The html "x" has been viewed, but html blocks are never "attempted" (Open edX: no is_attempted).
    add("conditional", "c2", K("vertical", "u"), { sources: "i4x://O/C/html/x", attempted: "True" });
    add("html", "never", K("conditional", "c2"));
    // Two conditionals that show each other: both shown once, no endless loop.
    add("conditional", "c3", K("vertical", "u"), { sources: "i4x://O/C/problem/x", attempted: "True", show_tag_list: ["i4x://O/C/conditional/c4"] });
    add("conditional", "c4", K("vertical", "u"), { sources: "i4x://O/C/problem/x", attempted: "True", show_tag_list: ["i4x://O/C/conditional/c3"] });
    add("conditional", "c5", K("vertical", "u"), { sources: "x", attempted: "True" });
    add("vertical", "h", K("sequential", "seq"));
    add("html", "extra", K("vertical", "h"));
    const outline = buildOutline(r);
    const states: Record<string, SourceState> = { [K("problem", "x")]: st({ attempted: true, submitted: true }), [K("html", "x")]: st({ problem: false, done: true }) };
    const { content } = resolveLearnerContent({ outline, learnerId: 1, stored: new Map(), sourceState: (k) => states[k] });
    expect(content.conditional.get(K("conditional", "c1"))?.met).toBe(true);
    expect(content.conditional.get(K("conditional", "c1"))?.show.map((n) => n.usageKey)).toEqual([K("html", "inside"), K("html", "extra")]);
    expect(content.conditional.get(K("conditional", "c2"))?.met).toBe(false);
    // A bare url_name matches the first block of that name (here the html "x", which is no problem).
    expect(content.conditional.get(K("conditional", "c5"))?.met).toBe(false);
    expect(content.conditional.get(K("conditional", "c3"))?.met).toBe(true);
    const comps = componentsOf(outline.byKey.get(K("vertical", "u"))!, { staff: false, now, content }).map((c) => c.usageKey);
    expect(comps).toEqual([K("html", "x"), K("problem", "x"), K("html", "inside"), K("html", "extra"), K("conditional", "c2"), K("conditional", "c5")]);
  });

  it("the conditional shows its children once its source is attempted", () => {
    const outline = buildOutline(rows());
    const { content } = resolveLearnerContent({ outline, learnerId: 1, stored: new Map(), sourceState: (k) => (k === K("problem", "q0") ? st({ attempted: true, submitted: true, done: true }) : undefined) });
    const comps = componentsOf(unitOf(outline), { staff: false, now, content }).map((c) => c.urlName);
    expect(comps).toContain("secret");
    expect(comps).not.toContain("cond");
    expect(content.conditional.get(K("conditional", "cond"))?.message).toBe("Try q0 first.");
  });

  it("without learner content: staff see every split_test group, learners none; libraries show the first max_count", () => {
    const outline = buildOutline(rows());
    const learner = componentsOf(unitOf(outline), { staff: false, now }).map((c) => c.urlName);
    expect(learner.filter((n) => n.startsWith("q"))).toEqual(["q0", "q1"]);
    expect(learner).not.toContain("ha");
    expect(componentsOf(unitOf(outline), { staff: true, now }).map((c) => c.urlName)).toEqual(expect.arrayContaining(["ha", "hb"]));
  });
});
