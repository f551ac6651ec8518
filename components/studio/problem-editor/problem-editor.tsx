"use client";
// Studio's Problem component editor: a Simple tab (Open edX's markdown) and an Advanced tab (the
// OLX), the problem's settings, and a live preview answered and graded through the LMS's own
// problem component. Simple → Advanced converts the markdown; Advanced → Simple is allowed only
// while the OLX is still what the markdown produced (the rules live in
// lib/studio/problem-editor-model). Saves through saveComponentAction with the revision it started
// from; a stale save (conflict:block) shows the newer content and lets the author choose.
// s-ui's unit editor may take over saving by passing `onSave` (it then handles conflicts).
import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Button, Notice } from "@/components/ui";
import { getComponentAction } from "@/lib/actions/studio/get-component-action";
import { saveComponentAction } from "@/lib/actions/studio/save-component-action";
import { canReturnToSimple, convertWithAttributes, planSave, startEditor, toAdvanced, type EditorMode } from "@/lib/studio/problem-editor-model";
import { applySettings, validateSettings, type ProblemSettingsForm } from "@/lib/studio/problem-settings";
import { PROBLEM_TEMPLATES } from "@/lib/studio/problem-templates";
import type { ComponentEditorData } from "@/lib/studio/types";
import { ProblemPreview } from "./problem-preview";
import { ProblemSettingsPanel } from "./problem-settings-panel";
import styles from "./problem-editor.module.css";

export type ProblemSavePayload = { kind: "olx"; olx: string; markdown: string | null };

export interface ProblemEditorProps {
  courseKey: string;
  data: ComponentEditorData;
  /** after a successful save (when the editor saves itself), with the new revision */
  onSaved?: (revision: string) => void;
  onCancel?: () => void;
  /** when given, the caller saves (and handles conflicts); the editor only validates and hands over */
  onSave?: (payload: ProblemSavePayload) => void;
  saving?: boolean;
}

type Conflict = { message: string; newer: ComponentEditorData | null };

export function ProblemEditor(props: ProblemEditorProps) {
  // Remount from scratch when newer content is loaded after a conflict.
  const [loaded, setLoaded] = useState<{ data: ComponentEditorData; generation: number }>({ data: props.data, generation: 0 });
  return <ProblemEditorInner key={loaded.generation} {...props} data={loaded.data} onLoadNewer={(data) => setLoaded((l) => ({ data, generation: l.generation + 1 }))} />;
}

function ProblemEditorInner({ courseKey, data, onSaved, onCancel, onSave, saving: savingProp, onLoadNewer }: ProblemEditorProps & { onLoadNewer: (d: ComponentEditorData) => void }) {
  const id = useId();
  const start = useMemo(() => startEditor(data), [data]);
  const [mode, setMode] = useState<EditorMode>(start.mode);
  const [markdown, setMarkdown] = useState<string | null>(start.markdown);
  const [advanced, setAdvanced] = useState(start.advanced);
  const [extraAttrs, setExtraAttrs] = useState(start.extraAttrs);
  const [settings, setSettings] = useState<ProblemSettingsForm>(start.settings);
  const [tabMessage, setTabMessage] = useState<string | null>(null);
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [revision, setRevision] = useState(data.revision);
  const [savingSelf, setSavingSelf] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [template, setTemplate] = useState("");
  const [confirmTemplate, setConfirmTemplate] = useState(false);
  const tabRefs = useRef<Record<EditorMode, HTMLButtonElement | null>>({ simple: null, advanced: null });
  const saving = savingProp ?? savingSelf;
  const errors = validateSettings(settings);

  // What the preview shows: the markdown's (or the OLX tab's) problem with the settings applied.
  const current = useMemo((): { olx: string | null; error: string | null } => {
    try {
      if (mode === "simple") {
        const r = convertWithAttributes(markdown ?? "", extraAttrs);
        return r.ok ? { olx: applySettings(r.olx, settings), error: null } : { olx: null, error: r.message };
      }
      return { olx: applySettings(advanced, settings), error: null };
    } catch (e) {
      return { olx: null, error: (e as Error).message };
    }
  }, [mode, markdown, advanced, extraAttrs, settings]);

  const switchTo = (next: EditorMode) => {
    if (next === mode) return;
    if (next === "advanced") {
      const r = toAdvanced(markdown ?? "", extraAttrs);
      if (!r.ok) {
        setTabMessage(`The markdown cannot be converted to OLX yet: ${r.message}`);
        return;
      }
      setAdvanced(r.advanced);
      setMode("advanced");
      setTabMessage(null);
      return;
    }
    const back = canReturnToSimple(markdown, advanced);
    if (!back.ok) {
      setTabMessage(back.reason);
      return;
    }
    setExtraAttrs(back.extraAttrs);
    setMode("simple");
    setTabMessage(null);
  };

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) return;
    e.preventDefault();
    const target: EditorMode = e.key === "Home" ? "simple" : e.key === "End" ? "advanced" : mode === "simple" ? "advanced" : "simple";
    tabRefs.current[target]?.focus();
    switchTo(target);
  };

  const save = async (baseRevision: string) => {
    setStatus(null);
    if (Object.keys(errors).length > 0) {
      setStatus({ tone: "error", text: "Please correct the highlighted settings." });
      return;
    }
    const plan = planSave({ mode, markdown, advanced, extraAttrs, settings });
    if (!plan.ok) {
      setStatus({ tone: "error", text: plan.message });
      return;
    }
    const payload: ProblemSavePayload = { kind: "olx", olx: plan.olx, markdown: plan.markdown };
    if (onSave) {
      onSave(payload);
      return;
    }
    setSavingSelf(true);
    try {
      const r = await saveComponentAction({ courseKey, usageKey: data.usageKey, baseRevision, ...payload });
      if (r.ok) {
        setRevision(r.data.revision);
        setConflict(null);
        if (plan.markdown === null) setMarkdown(null);
        setStatus({ tone: "success", text: "Saved." });
        onSaved?.(r.data.revision);
      } else if (r.code === "conflict:block") {
        const newer = await getComponentAction({ courseKey, usageKey: data.usageKey });
        setConflict({ message: r.message, newer: newer.ok ? newer.data : null });
      } else {
        setStatus({ tone: "error", text: r.message });
      }
    } catch {
      setStatus({ tone: "error", text: "Could not reach the server. Your changes are still here; please try again." });
    } finally {
      setSavingSelf(false);
    }
  };

  const applyTemplate = () => {
    const t = PROBLEM_TEMPLATES.find((x) => x.id === template);
    if (!t) return;
    const hasContent = mode === "simple" ? (markdown ?? "").trim() !== "" : advanced.replace(/<\/?problem[^>]*>/g, "").trim() !== "";
    if (hasContent && !confirmTemplate) {
      setConfirmTemplate(true);
      return;
    }
    setConfirmTemplate(false);
    setTabMessage(null);
    if (t.markdown !== null) {
      setMarkdown(t.markdown);
      setMode("simple");
    } else {
      setMarkdown(null);
      setAdvanced(t.olx);
      setMode("advanced");
    }
  };

  const simpleLocked = mode === "advanced" && !canReturnToSimple(markdown, advanced).ok;
  const tab = (m: EditorMode, label: string) => (
    <button
      type="button"
      role="tab"
      id={`${id}-tab-${m}`}
      ref={(el) => {
        tabRefs.current[m] = el;
      }}
      aria-selected={mode === m}
      aria-controls={`${id}-panel`}
      tabIndex={mode === m ? 0 : -1}
      className={styles.tab}
      onClick={() => switchTo(m)}
      onKeyDown={onTabKey}
    >
      {label}
      {m === "simple" && simpleLocked ? <span className="visually-hidden"> (not available)</span> : null}
    </button>
  );

  return (
    <div className={styles.editor} data-testid="problem-editor">
      <div className={styles.columns}>
        <div className={styles.editColumn}>
          <div role="tablist" aria-label="Problem editor" className={styles.tabs}>
            {tab("simple", "Simple (markdown)")}
            {tab("advanced", "Advanced (OLX)")}
          </div>
          <div role="status" aria-live="polite" className={styles.tabMessage}>
            {tabMessage ? <p data-testid="problem-editor-tab-message">{tabMessage}</p> : null}
          </div>
          {start.notice && mode === "simple" ? <Notice tone="warning">{start.notice}</Notice> : null}
          <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${mode}`} className={styles.panel}>
            {mode === "simple" ? (
              <>
                <label htmlFor={`${id}-markdown`} className={styles.fieldLabel}>
                  Problem markdown
                </label>
                <p id={`${id}-markdown-hint`} className={styles.muted}>
                  Open edX&apos;s simple editor syntax; see the cheat sheet below.
                </p>
                <textarea
                  id={`${id}-markdown`}
                  className={styles.code}
                  value={markdown ?? ""}
                  spellCheck
                  rows={16}
                  aria-describedby={`${id}-markdown-hint`}
                  onChange={(e) => setMarkdown(e.target.value)}
                />
                <CheatSheet />
              </>
            ) : (
              <>
                <label htmlFor={`${id}-olx`} className={styles.fieldLabel}>
                  Problem OLX
                </label>
                <p id={`${id}-olx-hint`} className={styles.muted}>
                  The <code>&lt;problem&gt;</code> element. Its settings (display name, weight, attempts, show answer, reset, randomization) are edited below and saved as its attributes.
                </p>
                <textarea
                  id={`${id}-olx`}
                  className={styles.code}
                  value={advanced}
                  spellCheck={false}
                  rows={18}
                  aria-describedby={`${id}-olx-hint`}
                  onChange={(e) => setAdvanced(e.target.value)}
                />
              </>
            )}
          </div>

          <div className={styles.templateRow}>
            <label htmlFor={`${id}-template`} className={styles.fieldLabel}>
              Start from a template
            </label>
            <select
              id={`${id}-template`}
              value={template}
              onChange={(e) => {
                setTemplate(e.target.value);
                setConfirmTemplate(false);
              }}
            >
              <option value="">Choose a template…</option>
              {PROBLEM_TEMPLATES.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                  {t.markdown === null ? " (OLX)" : ""}
                </option>
              ))}
            </select>
            <Button variant="secondary" size="small" disabled={!template} onClick={applyTemplate}>
              {confirmTemplate ? "Replace my problem with it" : "Use template"}
            </Button>
            {confirmTemplate ? (
              <span className={styles.muted} role="status">
                This replaces what you wrote.{" "}
                <Button variant="ghost" size="small" onClick={() => setConfirmTemplate(false)}>
                  Keep my problem
                </Button>
              </span>
            ) : null}
          </div>

          <ProblemSettingsPanel value={settings} errors={errors} onChange={setSettings} />

          {conflict ? (
            <Notice tone="warning" title="This problem was changed by someone else" data-testid="problem-editor-conflict">
              <p>{conflict.message} Your changes are still in the editor.</p>
              {conflict.newer ? (
                <>
                  <p>The newer version:</p>
                  <pre className={styles.newer}>{conflict.newer.markdown ?? conflict.newer.olx}</pre>
                </>
              ) : (
                <p>The newer version could not be loaded.</p>
              )}
              <div className={styles.actions}>
                {conflict.newer ? (
                  <Button variant="secondary" onClick={() => conflict.newer && onLoadNewer(conflict.newer)}>
                    Load the newer version (discard my changes)
                  </Button>
                ) : null}
                {conflict.newer ? (
                  <Button variant="danger" disabled={saving} onClick={() => conflict.newer && save(conflict.newer.revision)}>
                    Save mine over it
                  </Button>
                ) : null}
              </div>
            </Notice>
          ) : null}

          <div className={styles.actions}>
            <Button onClick={() => save(revision)} disabled={saving}>
              {saving ? "Saving…" : "Save"}
            </Button>
            {onCancel ? (
              <Button variant="secondary" onClick={onCancel}>
                Close
              </Button>
            ) : null}
            <span role="status" aria-live="polite" data-testid="problem-editor-status" className={status?.tone === "error" ? styles.statusError : styles.statusOk}>
              {status?.text ?? ""}
            </span>
          </div>
        </div>
        <div className={styles.previewColumn}>
          <ProblemPreview courseKey={courseKey} olx={current.olx} error={current.error} displayName={settings.displayName || "Problem"} />
        </div>
      </div>
    </div>
  );
}

function CheatSheet() {
  return (
    <details className={styles.cheatsheet}>
      <summary>Markdown cheat sheet</summary>
      <table className={styles.cheatTable}>
        <caption className="visually-hidden">Simple editor syntax</caption>
        <thead>
          <tr>
            <th scope="col">Write</th>
            <th scope="col">To get</th>
          </tr>
        </thead>
        <tbody>
          {[
            [">>Question?||Optional tip<<", "the question (label) and a description"],
            ["( ) wrong\n(x) right", "multiple choice (add ! for shuffle, @ to fix a choice)"],
            ["[ ] wrong\n[x] right", "checkboxes"],
            ["[[wrong, (right), wrong]]", "dropdown"],
            ["= 5 +- 0.1\n= [5, 7)", "numerical input with a tolerance, or a range"],
            ["= answer\nor= other answer\nnot= mistake {{feedback}}", "text input (s= forces text; =| makes a regular expression)"],
            ["(x) right {{ feedback }}", "feedback on an answer ({{ label:: text }} adds a label)"],
            ["[x] a {{ selected: … }, { unselected: … }}", "checkbox feedback; a line {{ ((A B)) … }} for a combination"],
            ["|| a hint ||", "a hint learners can ask for"],
            ["[explanation]\n…\n[explanation]", "the explanation shown with the answer"],
            ["Title\n=====", "a header"],
            ["---", "(on its own line) separates questions"],
          ].map(([md, what]) => (
            <tr key={md}>
              <td>
                <code className={styles.pre}>{md}</code>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
