// Pure Studio tree logic: content hashes, publish states, settings re-resolution, the Studio
// outline, partial-publish plans and keyboard moves.
import { describe, expect, it } from "vitest";
import { contentsSummary, applyMove, moveTarget } from "./outline-moves";
import {
  assignmentTypesOf,
  buildStudioOutline,
  computeHashes,
  computeStates,
  contentHashOf,
  newUrlName,
  planPartialPublish,
  reresolveSubtree,
  childrenIndex,
  usageKeyFor,
  type TreeRow,
} from "./tree";
import type { OutlineNode } from "./types";

const K = (t: string, n: string) => `block-v1:O+C+R+type@${t}+block@${n}`;

function row(t: string, n: string, parent: [string, string] | null, position: number, extra: Partial<TreeRow> = {}): TreeRow {
  return {
    usageKey: K(t, n),
    blockType: t,
    urlName: n,
    parentUsageKey: parent ? K(parent[0], parent[1]) : null,
    position,
    depth: 0,
    displayName: n,
    settings: {},
    fields: { display_name: n },
    definitionHash: null,
    contentHash: null,
    ...extra,
  };
}

function course(): TreeRow[] {
  const rows = [
    row("course", "R", null, 0, { settings: { start: "2020-01-01T00:00:00.000Z" }, fields: { start: "2020-01-01T00:00:00Z" } }),
    row("chapter", "ch", ["course", "R"], 0, { depth: 1 }),
    row("sequential", "s1", ["chapter", "ch"], 0, { depth: 2 }),
    row("sequential", "s2", ["chapter", "ch"], 1, { depth: 2 }),
    row("vertical", "u1", ["sequential", "s1"], 0, { depth: 3 }),
    row("vertical", "u2", ["sequential", "s1"], 1, { depth: 3 }),
    row("html", "h1", ["vertical", "u1"], 0, { depth: 4, definitionHash: "a".repeat(64) }),
  ];
  const h = computeHashes(rows);
  return rows.map((r) => ({ ...r, contentHash: h.get(r.usageKey)! }));
}

describe("content hashes", () => {
  it("change with own content and child order, not with position or parent", () => {
    const r = row("vertical", "u", null, 0);
    const base = contentHashOf(r, ["a", "b"]);
    expect(contentHashOf({ ...r }, ["a", "b"])).toBe(base);
    expect(contentHashOf(r, ["b", "a"])).not.toBe(base);
    expect(contentHashOf({ ...r, displayName: "x" }, ["a", "b"])).not.toBe(base);
    expect(contentHashOf({ ...r, fields: { display_name: "u", due: "2030" } }, ["a", "b"])).not.toBe(base);
    expect(contentHashOf({ ...r, definitionHash: "f".repeat(64) }, ["a", "b"])).not.toBe(base);
    // field order does not matter
    expect(contentHashOf({ ...r, fields: { a: 1, b: 2 } }, [])).toBe(contentHashOf({ ...r, fields: { b: 2, a: 1 } }, []));
  });
  it("new url names are 32 hex characters; usage keys follow block-v1", () => {
    expect(newUrlName()).toMatch(/^[0-9a-f]{32}$/);
    expect(newUrlName()).not.toBe(newUrlName());
    expect(usageKeyFor("course-v1:O+C+R", "vertical", "abc")).toBe(K("vertical", "abc"));
  });
});

describe("publish states", () => {
  it("draft / published / changed, a parent is changed when any descendant is", () => {
    const draft = course();
    const pub = new Map(draft.filter((r) => r.urlName !== "u2").map((r) => [r.usageKey, r.contentHash]));
    // u2 never published; s1's child list differs from the published one
    const pubRows = draft.filter((r) => r.urlName !== "u2");
    const ph = computeHashes(pubRows);
    const published = new Map([...pub.keys()].map((k) => [k, ph.get(k)!]));
    const s = computeStates(draft, published);
    expect(s.get(K("vertical", "u2"))).toBe("draft");
    expect(s.get(K("vertical", "u1"))).toBe("published");
    expect(s.get(K("sequential", "s1"))).toBe("changed");
    expect(s.get(K("sequential", "s2"))).toBe("published");
    expect(s.get(K("chapter", "ch"))).toBe("changed");
    expect(s.get(K("course", "R"))).toBe("changed");
    // a changed component makes its unit changed
    const edited = draft.map((r) => (r.urlName === "h1" ? { ...r, contentHash: "x" } : r));
    const s2 = computeStates(edited, new Map(draft.map((r) => [r.usageKey, r.contentHash])));
    expect(s2.get(K("vertical", "u1"))).toBe("changed");
    expect(s2.get(K("vertical", "u2"))).toBe("published");
  });
});

describe("settings re-resolution", () => {
  it("inherits start/due/graded/staff-only from the new parent and keeps own values", () => {
    const rows = course();
    const byKey = new Map(rows.map((r) => [r.usageKey, r]));
    byKey.get(K("html", "h1"))!.settings = { display_name: "h1", discussion_id: "keep" };
    const changed = reresolveSubtree(byKey, childrenIndex(rows), K("vertical", "u1"), { start: "2999-01-01T00:00:00.000Z", due: "2999-02-01T00:00:00.000Z", graded: true, visible_to_staff_only: true, format: "Homework" });
    expect(changed.get(K("vertical", "u1"))).toMatchObject({ start: "2999-01-01T00:00:00.000Z", due: "2999-02-01T00:00:00.000Z", graded: true, visible_to_staff_only: true });
    expect(changed.get(K("vertical", "u1"))).not.toHaveProperty("format"); // format is not inherited
    expect(changed.get(K("html", "h1"))).toMatchObject({ due: "2999-02-01T00:00:00.000Z", discussion_id: "keep" });
  });
});

describe("studio outline", () => {
  it("sections → subsections → units with dates, grading, states and component counts", () => {
    const rows = course().filter((r) => r.blockType !== "html");
    rows.find((r) => r.urlName === "s1")!.settings = { start: "2999-01-01T00:00:00.000Z", due: "2999-02-01T00:00:00Z", format: "Homework", graded: true };
    const states = new Map(rows.map((r) => [r.usageKey, "published" as const]));
    const out = buildStudioOutline({ rows, states, componentCounts: new Map([[K("vertical", "u1"), 1]]), rootKey: K("course", "R"), now: new Date("2026-01-01") });
    expect(out).toHaveLength(1);
    const s1 = out[0].children[0];
    expect(s1).toMatchObject({ blockType: "sequential", format: "Homework", graded: true, releasedInFuture: true, due: "2999-02-01T00:00:00.000Z" });
    expect(s1.children.map((u) => [u.urlName, u.componentCount])).toEqual([["u1", 1], ["u2", 0]]);
    expect(out[0].children[1].releasedInFuture).toBe(false);
  });
  it("assignment types come from the grading policy", () => {
    expect(assignmentTypesOf({ GRADER: [{ type: "Homework" }, { type: "Exam" }, {}] })).toEqual(["Homework", "Exam"]);
    expect(assignmentTypesOf(null)).toEqual([]);
  });
});

describe("partial publish plan", () => {
  it("replaces one unit's subtree, brings in unpublished ancestors, keeps other draft changes out", () => {
    const draft = course();
    // published: only ch/s1/u1 (no s2, no u2); then draft renames u1 and adds u2, s2
    const published = draft.filter((r) => !["u2", "s2"].includes(r.urlName));
    const ph = computeHashes(published);
    const pub = published.map((r) => ({ ...r, contentHash: ph.get(r.usageKey)! }));
    const d2 = draft.map((r) => (r.urlName === "u1" ? { ...r, displayName: "u1 new" } : r));
    const plan = planPartialPublish(d2, pub, K("vertical", "u2"));
    const written = new Map(plan.rows.map((r) => [r.usageKey, r]));
    expect([...written.keys()].sort()).toEqual([K("chapter", "ch"), K("course", "R"), K("sequential", "s1"), K("vertical", "u2")].sort());
    expect(plan.dropKeys.has(K("vertical", "u1"))).toBe(false); // copied as published
    expect(written.get(K("vertical", "u2"))!.position).toBe(1);
    expect(written.get(K("vertical", "u2"))!.settings).toMatchObject({ start: "2020-01-01T00:00:00.000Z" });
    // s1 now has both units, in draft order; its hash is of the new list
    expect(written.get(K("sequential", "s1"))!.contentHash).toBe(contentHashOf(pub.find((r) => r.urlName === "s1")!, [K("vertical", "u1"), K("vertical", "u2")]));
  });
  it("a unit moved to another subsection leaves its old published place", () => {
    const draft = course().map((r) => (r.urlName === "u2" ? { ...r, parentUsageKey: K("sequential", "s2"), position: 0 } : r));
    const pub = course();
    const plan = planPartialPublish(draft, pub, K("vertical", "u2"));
    const written = new Map(plan.rows.map((r) => [r.usageKey, r]));
    expect(written.get(K("vertical", "u2"))!.parentUsageKey).toBe(K("sequential", "s2"));
    expect(plan.dropKeys.has(K("sequential", "s1"))).toBe(true);
    expect(written.get(K("sequential", "s1"))!.contentHash).toBe(contentHashOf(pub.find((r) => r.urlName === "s1")!, [K("vertical", "u1")]));
  });
});

describe("keyboard moves and delete summary", () => {
  const n = (t: OutlineNode["blockType"], k: string, children: OutlineNode[] = [], componentCount = 0): OutlineNode => ({
    usageKey: k, urlName: k, blockType: t, displayName: k, state: "draft", revision: "", start: null, releasedInFuture: false, due: null, format: null, graded: false, visibleToStaffOnly: false, componentCount, children,
  });
  const tree = () => [n("chapter", "A", [n("sequential", "A1", [n("vertical", "u1", [], 2), n("vertical", "u2", [], 1)])]), n("chapter", "B", [n("sequential", "B1", [n("vertical", "u3")])])];
  it("steps within a parent, then across to the neighbouring parent", () => {
    expect(moveTarget("root", tree(), "u1", "down")).toEqual({ parentUsageKey: "A1", position: 1 });
    expect(moveTarget("root", tree(), "u2", "down")).toEqual({ parentUsageKey: "B1", position: 0 });
    expect(moveTarget("root", tree(), "u3", "up")).toEqual({ parentUsageKey: "A1", position: 2 });
    expect(moveTarget("root", tree(), "u1", "up")).toBeNull();
    expect(moveTarget("root", tree(), "A", "up")).toBeNull();
    expect(moveTarget("root", tree(), "A", "down")).toEqual({ parentUsageKey: "root", position: 1 });
    expect(moveTarget("root", tree(), "B1", "up")).toEqual({ parentUsageKey: "A", position: 1 });
    const moved = applyMove("root", tree(), "u2", { parentUsageKey: "B1", position: 0 });
    expect(moved[1].children[0].children.map((u) => u.usageKey)).toEqual(["u2", "u3"]);
    expect(moved[0].children[0].children.map((u) => u.usageKey)).toEqual(["u1"]);
  });
  it("says what a delete removes", () => {
    expect(contentsSummary(tree()[0])).toBe("1 subsection, 2 units and 3 components");
    expect(contentsSummary(tree()[0].children[0])).toBe("2 units and 3 components");
    expect(contentsSummary(tree()[0].children[0].children[0])).toBe("2 components");
  });
});
