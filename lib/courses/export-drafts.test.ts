// Which blocks of a Studio working copy an export writes under drafts/ (pure).
import { describe, expect, it } from "vitest";
import { draftExportRoots } from "./export";

type Row = Parameters<typeof draftExportRoots>[0][number];
const row = (usageKey: string, blockType: string, parentUsageKey: string | null, content: string, published: string | null): Row => ({ usageKey, blockType, parentUsageKey, contentHash: content, publishedHash: published });

// course ─ ch ─ seq ─ u1 ─ (h1, p1)
//                  └─ u2 ─ h2
const base = (): Row[] => [
  row("course", "course", null, "c", "c"),
  row("ch", "chapter", "course", "ch", "ch"),
  row("seq", "sequential", "ch", "s", "s"),
  row("u1", "vertical", "seq", "u1", "u1"),
  row("h1", "html", "u1", "h1", "h1"),
  row("p1", "problem", "u1", "p1", "p1"),
  row("u2", "vertical", "seq", "u2", "u2"),
  row("h2", "html", "u2", "h2", "h2"),
];
const edit = (rows: Row[], key: string, patch: Partial<Row>) => rows.map((r) => (r.usageKey === key ? { ...r, ...patch } : r));

describe("draftExportRoots", () => {
  it("writes nothing when the working copy equals the published version", () => {
    expect([...draftExportRoots(base())]).toEqual([]);
  });

  it("writes a published unit whose component changed, as a whole unit", () => {
    expect([...draftExportRoots(edit(base(), "p1", { contentHash: "p1*" }))]).toEqual(["u1"]);
  });

  it("writes a published unit that gained a new component (not the component alone)", () => {
    const rows = [...edit(base(), "u2", { contentHash: "u2*" }), row("n", "html", "u2", "n", null)];
    expect([...draftExportRoots(rows)]).toEqual(["u2"]);
  });

  it("writes a never-published unit under a published subsection", () => {
    expect([...draftExportRoots([...edit(base(), "seq", { contentHash: "s*" }), row("u3", "vertical", "seq", "u3", null), row("h3", "html", "u3", "h3", null)])]).toEqual(["u3"]);
  });

  it("writes a never-published subsection once, with everything in it", () => {
    const rows = [...base(), row("seq2", "sequential", "ch", "s2", null), row("u4", "vertical", "seq2", "u4", null), row("h4", "html", "u4", "h4", null)];
    expect([...draftExportRoots(rows)]).toEqual(["seq2"]);
  });

  it("has no drafts/ form for a change to a section or subsection itself", () => {
    expect([...draftExportRoots(edit(base(), "seq", { contentHash: "s*" }))]).toEqual([]);
  });
});
