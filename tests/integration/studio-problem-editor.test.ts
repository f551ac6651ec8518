// The problem editor's contract with s-core's Studio service, on the real MariaDB: a problem added
// from a markdown template opens in the Simple tab with its markdown; what the editor saves
// (settings as attributes, markdown apart) comes back the same; once the OLX is edited the
// markdown is dropped and the problem opens in the Advanced tab; a stale save is a conflict.
import { afterAll, describe, expect, it } from "vitest";
import { gradeProblem } from "@/lib/capa";
import { closeDb } from "@/lib/db";
import { getComponentEditorData } from "@/lib/studio";
import * as svc from "@/lib/studio/service";
import { createUser, uniq } from "@/lib/courses/test-helpers";
import { planSave, startEditor, toAdvanced } from "@/lib/studio/problem-editor-model";
import { markdownToOlx, sameOlx } from "@/lib/studio/problem-markdown";
import { problemAttributes, setProblemAttributes } from "@/lib/studio/problem-settings";
import { getProblemTemplate, templateElement } from "@/lib/studio/problem-templates";

afterAll(async () => {
  await closeDb();
});

async function unitWithProblem(olx: string) {
  const me = await createUser("pe", { canCreateCourses: true });
  const org = `P${uniq()}`;
  const c = await svc.createCourse({ org, number: "PE1", run: "2026", displayName: "Problems 101", start: new Date("2020-01-01T00:00:00Z"), userId: me.id });
  const w = { courseId: c.courseId, userId: me.id };
  const root = `block-v1:${org}+PE1+2026+type@course+block@2026`;
  const sec = await svc.addOutlineItem({ ...w, parentUsageKey: root, blockType: "chapter" });
  const sub = await svc.addOutlineItem({ ...w, parentUsageKey: sec.usageKey, blockType: "sequential" });
  const unit = await svc.addOutlineItem({ ...w, parentUsageKey: sub.usageKey, blockType: "vertical" });
  const p = await svc.addComponent({ ...w, courseKey: c.courseKey, unitUsageKey: unit.usageKey, blockType: "problem", olx });
  return { w, courseKey: c.courseKey, usageKey: p.usageKey };
}

describe("problem editor ↔ Studio service", () => {
  it("template → Simple tab → save with settings → reopened the same; edited OLX drops the markdown", async () => {
    const t = getProblemTemplate("numerical-hints")!;
    const { w, courseKey, usageKey } = await unitWithProblem(templateElement(t));
    const data = await getComponentEditorData({ courseId: w.courseId, usageKey });
    expect(data.markdown).toBe(t.markdown);
    expect(data.displayName).toBe(t.name);
    const start = startEditor(data);
    expect(start).toMatchObject({ mode: "simple", markdown: t.markdown, notice: null });

    const markdown = ">>What is 6 × 7?<<\n= 42 +- 0.5 {{ Yes. }}\n\n|| Multiply. ||\n";
    const settings = { ...start.settings, displayName: "Times table", weight: "4", maxAttempts: "2", showanswer: "attempted", showResetButton: "true" as const, rerandomize: "never" };
    const plan = planSave({ ...start, markdown, settings });
    if (!plan.ok) throw new Error(plan.message);
    const { revision } = await svc.saveComponent({ ...w, courseKey, usageKey, baseRevision: data.revision, content: { kind: "olx", olx: plan.olx, markdown: plan.markdown } });

    const back = await getComponentEditorData({ courseId: w.courseId, usageKey });
    expect(back.revision).toBe(revision);
    expect(back.markdown).toBe(markdown);
    expect(back.displayName).toBe("Times table");
    const reopened = startEditor(back);
    expect(reopened).toMatchObject({ mode: "simple", markdown, notice: null, settings });
    const attrs = problemAttributes(back.olx);
    expect(attrs.ok && Object.fromEntries(attrs.attrs)).toMatchObject({ display_name: "Times table", weight: "4", max_attempts: "2", showanswer: "attempted", show_reset_button: "true", rerandomize: "never" });
    expect(sameOlx(setProblemAttributes(reopened.advanced, []), markdownToOlx(markdown))).toBe(true);
    expect(gradeProblem(back.olx, { "1_2_1": "42.3" })).toMatchObject({ ok: true, earned: 1 });

    // Edited in the Advanced tab: saved without markdown, reopened in Advanced.
    const adv = toAdvanced(markdown, reopened.extraAttrs);
    if (!adv.ok) throw new Error(adv.message);
    const edited = planSave({ ...reopened, mode: "advanced", advanced: adv.advanced.replace("What is 6 × 7?", "Six times seven?") });
    if (!edited.ok) throw new Error(edited.message);
    expect(edited.markdown).toBeNull();
    await svc.saveComponent({ ...w, courseKey, usageKey, baseRevision: revision, content: { kind: "olx", olx: edited.olx, markdown: edited.markdown } });
    const last = await getComponentEditorData({ courseId: w.courseId, usageKey });
    expect(last.markdown).toBeNull();
    expect(startEditor(last)).toMatchObject({ mode: "advanced", markdown: null });
    expect(last.olx).toContain("Six times seven?");

    // A save based on the old revision is refused as a conflict.
    await expect(svc.saveComponent({ ...w, courseKey, usageKey, baseRevision: revision, content: { kind: "olx", olx: plan.olx, markdown } })).rejects.toMatchObject({ code: "conflict:block" });
  });

  it("an OLX-only template opens in the Advanced tab", async () => {
    const { w, usageKey } = await unitWithProblem(templateElement(getProblemTemplate("math-expression")!));
    const data = await getComponentEditorData({ courseId: w.courseId, usageKey });
    expect(data.markdown).toBeNull();
    expect(startEditor(data)).toMatchObject({ mode: "advanced", markdown: null });
  });
});
