// The problem editor's rules, apart from React so they are unit-tested: which tab a problem opens
// in, when the author may go from the Advanced (OLX) tab back to the Simple (markdown) tab, and
// what is saved. Open edX converts markdown to OLX one way only; here the way back stays open
// while the OLX is still exactly (ignoring whitespace) what the markdown produced. PURE.
import { convertProblemMarkdown, sameOlx } from "./problem-markdown";
import { type Attr, applySettings, problemAttributes, readSettings, setProblemAttributes, type ProblemSettingsForm, unmanagedAttributes, withoutOwnedAttributes } from "./problem-settings";

export type EditorMode = "simple" | "advanced";

export interface EditorStart {
  mode: EditorMode;
  /** the markdown the Simple tab edits, or null when the problem has none */
  markdown: string | null;
  /** the Advanced tab's text: the `<problem>` element without the settings attributes */
  advanced: string;
  /** attributes the settings form does not own, carried over when markdown is converted */
  extraAttrs: Attr[];
  settings: ProblemSettingsForm;
  /** why the Simple tab cannot be used for this problem, if it cannot */
  simpleUnavailable: string | null;
  /** something the author should know on opening (e.g. the OLX no longer matches the markdown) */
  notice: string | null;
}

export const NO_MARKDOWN =
  "This problem was written in OLX, not in the simple editor's markdown, so it can only be edited in the Advanced editor (Open edX converts markdown to OLX, never OLX back to markdown).";
export const OLX_CHANGED =
  "The OLX has been changed since it was converted from the markdown, so it can no longer be edited in the Simple editor (Open edX converts markdown to OLX, never OLX back to markdown). Undo your OLX changes to go back.";

function isEmptyBody(olx: string): boolean {
  return /^\s*<problem\b[^>]*?(\/>\s*$|>\s*<\/problem>\s*$)/.test(olx);
}

/** The markdown's OLX with the attributes the settings form does not own. */
export function convertWithAttributes(markdown: string, extraAttrs: Attr[]): { ok: true; olx: string } | { ok: false; message: string } {
  const r = convertProblemMarkdown(markdown);
  if (!r.ok) return r;
  return { ok: true, olx: setProblemAttributes(r.olx, extraAttrs) };
}

export function startEditor(data: { olx: string; markdown?: string | null; displayName: string }): EditorStart {
  const parsed = problemAttributes(data.olx);
  const attrs = parsed.ok ? parsed.attrs : [];
  const extraAttrs = unmanagedAttributes(attrs);
  const settings = readSettings(attrs, data.displayName);
  const advanced = withoutOwnedAttributes(data.olx);
  const base = { advanced, extraAttrs, settings };
  const markdown = typeof data.markdown === "string" ? data.markdown : isEmptyBody(data.olx) ? "" : null;
  if (markdown === null) return { ...base, mode: "advanced", markdown: null, simpleUnavailable: NO_MARKDOWN, notice: null };
  const converted = convertWithAttributes(markdown, extraAttrs);
  if (converted.ok && parsed.ok && !isEmptyBody(data.olx) && !sameOlx(converted.olx, advanced)) {
    // As Open edX does, a problem with markdown opens in the simple editor; saving there writes
    // the markdown's OLX, so say that it differs from what is saved now.
    return {
      ...base,
      mode: "simple",
      markdown,
      simpleUnavailable: null,
      notice: "The saved OLX differs from what this markdown produces (it was edited outside the simple editor). Saving from the Simple tab replaces it with the markdown's OLX; open the Advanced tab to keep the saved OLX instead.",
    };
  }
  return { ...base, mode: "simple", markdown, simpleUnavailable: null, notice: null };
}

/** Simple → Advanced: the markdown's OLX (or why it cannot be converted). */
export function toAdvanced(markdown: string, extraAttrs: Attr[]): { ok: true; advanced: string } | { ok: false; message: string } {
  const r = convertWithAttributes(markdown, extraAttrs);
  return r.ok ? { ok: true, advanced: r.olx } : r;
}

/**
 * Advanced → Simple is allowed only while the OLX is still what the markdown produced (the root's
 * other attributes, e.g. a due date typed in the OLX, may differ: they are kept).
 */
export function canReturnToSimple(markdown: string | null, advanced: string): { ok: true; extraAttrs: Attr[] } | { ok: false; reason: string } {
  if (markdown === null) return { ok: false, reason: NO_MARKDOWN };
  const parsed = problemAttributes(advanced);
  if (!parsed.ok) return { ok: false, reason: `${OLX_CHANGED} (${parsed.message})` };
  const extraAttrs = unmanagedAttributes(parsed.attrs);
  const r = convertWithAttributes(markdown, extraAttrs);
  if (!r.ok) return { ok: false, reason: r.message };
  return sameOlx(r.olx, withoutOwnedAttributes(advanced)) ? { ok: true, extraAttrs } : { ok: false, reason: OLX_CHANGED };
}

export type SavePlan = { ok: true; olx: string; markdown: string | null } | { ok: false; message: string };

/**
 * What to save: the element with the settings as attributes, and the markdown as Open edX
 * stores it (null once the OLX no longer comes from the markdown).
 */
export function planSave(state: { mode: EditorMode; markdown: string | null; advanced: string; extraAttrs: Attr[]; settings: ProblemSettingsForm }): SavePlan {
  try {
    if (state.mode === "simple") {
      const r = convertWithAttributes(state.markdown ?? "", state.extraAttrs);
      if (!r.ok) return r;
      return { ok: true, olx: applySettings(r.olx, state.settings), markdown: state.markdown ?? "" };
    }
    const parsed = problemAttributes(state.advanced);
    if (!parsed.ok) return { ok: false, message: parsed.message };
    const linked = canReturnToSimple(state.markdown, state.advanced).ok;
    return { ok: true, olx: applySettings(state.advanced, state.settings), markdown: linked ? state.markdown : null };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}
