// The problem editor's rules: which tab opens, when Advanced → Simple is allowed, what is saved
// (settings as attributes, unmanaged attributes kept, markdown nulled once the OLX is edited).
import { describe, expect, it } from "vitest";
import { gradeProblem } from "@/lib/capa";
import { SHOWANSWER_VALUES } from "@/lib/problems/rules";
import { markdownToOlx, sameOlx } from "./problem-markdown";
import { canReturnToSimple, NO_MARKDOWN, OLX_CHANGED, planSave, startEditor, toAdvanced } from "./problem-editor-model";
import { problemAttributes, SHOW_ANSWER_OPTIONS, setProblemAttributes, validateSettings } from "./problem-settings";

const MD = ">>Pick b<<\n( ) a\n(x) b\n";

describe("problem editor model", () => {
  it("opens markdown problems in Simple, OLX-only problems in Advanced (with the reason), blank ones in Simple", () => {
    const withMd = startEditor({ olx: setProblemAttributes(markdownToOlx(MD), [["display_name", "Q1"], ["markdown", MD], ["due", "2030-01-01"]]), markdown: MD, displayName: "Q1" });
    expect(withMd).toMatchObject({ mode: "simple", markdown: MD, simpleUnavailable: null, notice: null });
    expect(withMd.settings.displayName).toBe("Q1");
    expect(withMd.extraAttrs).toEqual([["due", "2030-01-01"]]);
    expect(withMd.advanced).not.toContain("markdown=");
    expect(withMd.advanced).not.toContain("display_name=");

    const olxOnly = startEditor({ olx: '<problem display_name="F"><formularesponse answer="x" samples="x@1:2#3"><formulaequationinput/></formularesponse></problem>', markdown: null, displayName: "F" });
    expect(olxOnly).toMatchObject({ mode: "advanced", markdown: null, simpleUnavailable: NO_MARKDOWN });

    expect(startEditor({ olx: '<problem display_name="Blank Problem"></problem>', markdown: null, displayName: "Blank Problem" })).toMatchObject({ mode: "simple", markdown: "" });
  });

  it("warns when the saved OLX no longer matches the markdown", () => {
    const s = startEditor({ olx: '<problem><p>edited elsewhere</p></problem>', markdown: MD, displayName: "P" });
    expect(s.mode).toBe("simple");
    expect(s.notice).toMatch(/differs from what this markdown produces/);
  });

  it("goes back from Advanced to Simple only while the OLX is what the markdown produced", () => {
    const adv = toAdvanced(MD, [["due", "2030-01-01"]]);
    expect(adv.ok).toBe(true);
    if (!adv.ok) return;
    expect(problemAttributes(adv.advanced)).toEqual({ ok: true, attrs: [["due", "2030-01-01"]] });
    expect(canReturnToSimple(MD, adv.advanced)).toEqual({ ok: true, extraAttrs: [["due", "2030-01-01"]] });
    // whitespace-only edits keep the way back open
    expect(canReturnToSimple(MD, adv.advanced.replace(/\n/g, "\n   ")).ok).toBe(true);
    const edited = adv.advanced.replace("<choice correct=\"false\">a</choice>", "<choice correct=\"false\">A</choice>");
    expect(edited).not.toBe(adv.advanced);
    expect(canReturnToSimple(MD, edited)).toEqual({ ok: false, reason: OLX_CHANGED });
    expect(canReturnToSimple(null, adv.advanced)).toEqual({ ok: false, reason: NO_MARKDOWN });
    expect(toAdvanced("( )\n(x) b", [])).toEqual({ ok: false, message: "An answer option has been left blank. Please review and edit the component." });
  });

  it("saves settings as attributes, keeps other attributes, and nulls the markdown once the OLX is edited", () => {
    const start = startEditor({ olx: setProblemAttributes(markdownToOlx(MD), [["display_name", "Q"], ["due", "2030-01-01"], ["markdown", MD]]), markdown: MD, displayName: "Q" });
    const settings = { ...start.settings, displayName: "Quiz & more", weight: "2", maxAttempts: "3", showanswer: "past_due", showResetButton: "true" as const, rerandomize: "per_student" };
    const simple = planSave({ ...start, settings });
    expect(simple.ok).toBe(true);
    if (!simple.ok) return;
    expect(simple.markdown).toBe(MD);
    const attrs = problemAttributes(simple.olx);
    expect(attrs.ok && Object.fromEntries(attrs.attrs)).toEqual({ display_name: "Quiz & more", weight: "2", max_attempts: "3", showanswer: "past_due", show_reset_button: "true", rerandomize: "per_student", due: "2030-01-01" });
    expect(sameOlx(setProblemAttributes(simple.olx, []), markdownToOlx(MD))).toBe(true);
    expect(gradeProblem(simple.olx, { "1_2_1": "choice_1" })).toMatchObject({ ok: true, earned: 1 });

    const advText = toAdvanced(MD, start.extraAttrs);
    if (!advText.ok) throw new Error(advText.message);
    const unchanged = planSave({ ...start, settings, mode: "advanced", advanced: advText.advanced });
    expect(unchanged.ok && unchanged.markdown).toBe(MD);
    const changed = planSave({ ...start, settings, mode: "advanced", advanced: advText.advanced.replace("Pick b", "Pick B") });
    expect(changed.ok && changed.markdown).toBeNull();
    expect(changed.ok && changed.olx).toContain("Pick B");
    expect(changed.ok && changed.olx).toContain('display_name="Quiz &amp; more"');
    const broken = planSave({ ...start, settings, mode: "advanced", advanced: "<problem><p>unclosed</problem>" });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.message).toMatch(/^The OLX is not well-formed XML/);
    const notProblem = planSave({ ...start, settings, mode: "advanced", advanced: "<html/>" });
    expect(notProblem).toEqual({ ok: false, message: "The OLX must be one <problem> element, not <html>." });
  });

  it("validates the settings and offers exactly Open edX's show-answer values", () => {
    expect(SHOW_ANSWER_OPTIONS.map((o) => o.value)).toEqual([...SHOWANSWER_VALUES]);
    const ok = { displayName: "P", weight: "", maxAttempts: "", showanswer: "", attemptsBeforeShowanswer: "", showResetButton: "" as const, rerandomize: "" };
    expect(validateSettings(ok)).toEqual({});
    expect(Object.keys(validateSettings({ ...ok, displayName: " ", weight: "-1", maxAttempts: "1.5", rerandomize: "sometimes" })).sort()).toEqual(["displayName", "maxAttempts", "rerandomize", "weight"]);
  });
});
