// markdownToOlx against Open edX's own examples: every case below is a markdown input and the OLX
// edx-platform's markdownToXml produces for it, taken from its Jasmine specs
// (xmodule/js/spec/problem/edit_spec.js and edit_spec_hint.js). Open edX compares ignoring
// whitespace; here both sides are parsed and compared as normalized trees (sameOlx).
import { describe, expect, it } from "vitest";
import { gradeProblem } from "@/lib/capa";
import { canonicalOlx, convertProblemMarkdown, markdownToOlx, ProblemMarkdownError, sameOlx } from "./problem-markdown";
import { OPEN_EDX_CASES } from "./__fixtures__/open-edx-markdown-cases";

describe("markdownToOlx reproduces Open edX's markdownToXml", () => {
  it.each(OPEN_EDX_CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const olx = markdownToOlx(c.markdown);
    expect(canonicalOlx(olx), `not well-formed:\n${olx}`).not.toBeNull();
    if (!sameOlx(olx, c.olx)) {
      // show both normalized trees on failure
      expect(JSON.parse(canonicalOlx(olx)!)).toEqual(JSON.parse(canonicalOlx(c.olx)!));
    }
    expect(sameOlx(olx, c.olx)).toBe(true);
  });

  it("covers every construct of the simple editor", () => {
    const all = OPEN_EDX_CASES.map((c) => c.markdown).join("\n");
    for (const construct of [">>", "||", "( )", "(x)", "[x]", "[ ]", "[[", "+-", "or=", "not=", "s=", "{{", "::", "selected:", "((A*B))", "[explanation]", "[code]", "---", "===", "=|", "[6, 7]"]) {
      expect(all.toLowerCase()).toContain(construct.toLowerCase());
    }
  });
});

describe("markdownToOlx errors", () => {
  it.each([
    ["a blank checkbox", ">>The following languages are in the Indo-European family:||<<\n[ ]\n[x] Urdu\n[ ] Finnish"],
    ["a blank multiple choice", ">>The following languages are in the Indo-European family:||<<\n( )\n(x) Urdu\n( ) Finnish"],
    ["a blank dropdown option", "[[\n  (a)\n  {{ hint only }}\n]]"],
  ])("refuses %s with Open edX's message", (_n, md) => {
    expect(() => markdownToOlx(md)).toThrow(ProblemMarkdownError);
    expect(() => markdownToOlx(md)).toThrow("An answer option has been left blank. Please review and edit the component.");
  });

  it("reports text that is not well-formed XML instead of throwing a raw parser error", () => {
    const r = convertProblemMarkdown(">>Is 1 < 2?<<\n(x) yes\n( ) no");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^The problem text is not well-formed XML/);
  });
});

describe("converted markdown grades with lib/capa", () => {
  it("grades a multi-question markdown problem (--- separated) as Open edX would", () => {
    const olx = markdownToOlx(">>Pick b<<\n( ) a\n(x) b\n\n---\n\n>>2+2?<<\n= 4 +- 0.1\n\n---\n\n>>Capital of France?<<\n= Paris\nor= paris, france\n");
    const right = gradeProblem(olx, { "1_2_1": "choice_1", "1_3_1": "4.05", "1_4_1": "PARIS, FRANCE" });
    expect(right).toMatchObject({ ok: true, earned: 3, possible: 3 });
    const wrong = gradeProblem(olx, { "1_2_1": "choice_0", "1_3_1": "4.2", "1_4_1": "Lyon" });
    expect(wrong).toMatchObject({ ok: true, earned: 0, possible: 3 });
  });
});
