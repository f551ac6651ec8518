"use client";
// One component's editor, opened in place in the unit editor: loads the component through
// getComponentAction, picks the editor for its type, and saves through saveComponentAction with
// the revision the editor started from. A stale save (conflict:block) is never retried blindly:
// the author sees the newer content and chooses to load it or to copy their own text first.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Notice } from "@/components/ui";
import { getComponentAction } from "@/lib/actions/studio/get-component-action";
import { saveComponentAction } from "@/lib/actions/studio/save-component-action";
import type { ComponentEditorData, UnitComponentSummary } from "@/lib/studio/types";
import { DiscussionEditor } from "./discussion-editor";
import { HtmlEditor } from "./html-editor";
import { OlxEditor } from "./olx-editor";
import { ProblemComponentEditor } from "./problem-slot";
import { VideoEditor } from "./video-editor";
import styles from "./unit-editor.module.css";

export type SavePayload = { kind: "html"; displayName: string; html: string } | { kind: "olx"; olx: string; markdown?: string | null };

export interface EditorProps {
  courseKey: string;
  data: ComponentEditorData;
  saving: boolean;
  onSave: (payload: SavePayload) => void;
  onCancel: () => void;
}

type Conflict = { mine: SavePayload; theirs: ComponentEditorData | null; message: string };

async function loadComponent(courseKey: string, usageKey: string): Promise<ComponentEditorData> {
  const r = await getComponentAction({ courseKey, usageKey });
  if (!r.ok) throw new Error(r.message);
  return r.data;
}

export function ComponentEditor({ courseKey, summary, onSaved, onClose }: { courseKey: string; summary: UnitComponentSummary; onSaved: () => void; onClose: () => void }) {
  const qc = useQueryClient();
  const queryKey = ["studio-component", courseKey, summary.usageKey];
  const q = useQuery({ queryKey, queryFn: () => loadComponent(courseKey, summary.usageKey), staleTime: Infinity, gcTime: 0 });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [copied, setCopied] = useState(false);
  // Remounts the type editor when newer content is loaded on purpose.
  const [generation, setGeneration] = useState(0);

  if (q.isPending) return <p className={styles.muted}>Loading the component…</p>;
  if (q.isError || !q.data) return <Notice tone="error">Could not load this component: {q.error?.message ?? "unknown error"}</Notice>;
  const data = q.data;

  const onSave = async (payload: SavePayload) => {
    setSaving(true);
    setError(null);
    setSaved(null);
    try {
      const r = await saveComponentAction({ courseKey, usageKey: data.usageKey, baseRevision: data.revision, ...payload });
      if (r.ok) {
        // The editor keeps the author's text; only the conflict token moves on.
        const displayName = payload.kind === "html" ? payload.displayName : data.displayName;
        qc.setQueryData<ComponentEditorData>(queryKey, { ...data, ...(payload.kind === "html" ? { html: payload.html } : { olx: payload.olx }), displayName, revision: r.data.revision });
        setSaved("Saved.");
        onSaved();
      } else if (r.code === "conflict:block") {
        const newer = await getComponentAction({ courseKey, usageKey: data.usageKey });
        setConflict({ mine: payload, theirs: newer.ok ? newer.data : null, message: r.message });
      } else {
        setError(r.message);
      }
    } catch {
      setError("Could not reach the server. Your text is still here; please try again.");
    } finally {
      setSaving(false);
    }
  };

  const myText = conflict ? (conflict.mine.kind === "html" ? conflict.mine.html : conflict.mine.olx) : "";
  const theirText = conflict?.theirs ? (conflict.mine.kind === "html" ? (conflict.theirs.html ?? "") : conflict.theirs.olx) : "";

  const props: EditorProps = { courseKey, data, saving, onSave: (p) => void onSave(p), onCancel: onClose };
  const editor =
    data.blockType === "html" ? (
      <HtmlEditor key={generation} {...props} />
    ) : data.blockType === "video" ? (
      <VideoEditor key={generation} {...props} />
    ) : data.blockType === "discussion" ? (
      <DiscussionEditor key={generation} {...props} />
    ) : data.blockType === "problem" ? (
      <ProblemComponentEditor key={generation} {...props} />
    ) : (
      <OlxEditor key={generation} {...props} />
    );

  return (
    <div data-testid="component-editor" data-block-type={data.blockType}>
      {conflict ? (
        <Notice tone="warning" title="Someone else saved this component after you opened it" className={styles.conflict} data-testid="conflict">
          <p>{conflict.message} Your changes were not saved, and nothing was overwritten.</p>
          {conflict.theirs ? (
            <>
              <p>
                The newer version{conflict.theirs.displayName ? ` (“${conflict.theirs.displayName}”)` : ""}:
              </p>
              <pre data-testid="conflict-theirs">{theirText}</pre>
            </>
          ) : (
            <p>The newer version could not be loaded; reload the page to see it.</p>
          )}
          <details>
            <summary>Your text</summary>
            <pre data-testid="conflict-mine">{myText}</pre>
          </details>
          <div className={styles.actions}>
            <Button
              variant="secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(myText).then(
                  () => setCopied(true),
                  () => setCopied(false),
                );
              }}
            >
              Copy my text
            </Button>
            {conflict.theirs ? (
              <Button
                onClick={() => {
                  qc.setQueryData(queryKey, conflict.theirs);
                  setConflict(null);
                  setCopied(false);
                  setGeneration((g) => g + 1);
                  onSaved();
                }}
              >
                Load the newer version
              </Button>
            ) : null}
            <span role="status">{copied ? "Copied to the clipboard." : ""}</span>
          </div>
        </Notice>
      ) : null}
      {editor}
      <div role="status" aria-live="polite">
        {error ? <Notice tone="error">{error}</Notice> : saved ? <p className={styles.muted} data-testid="save-status">{saved}</p> : null}
      </div>
    </div>
  );
}
