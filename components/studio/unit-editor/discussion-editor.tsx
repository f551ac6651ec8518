"use client";
// The Discussion editor: display name, category and subcategory (the forum topic learners post
// in), written as Open edX's inline <discussion …/> element.
import { useState } from "react";
import { Button, Field } from "@/components/ui";
import type { EditorProps } from "./component-editor";
import { readDiscussionFields, writeDiscussionOlx } from "./discussion-olx";
import styles from "./unit-editor.module.css";

const newId = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`).replace(/-/g, "");

export function DiscussionEditor({ data, saving, onSave, onCancel }: EditorProps) {
  const [f, setF] = useState(() => readDiscussionFields(data.olx));
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    if (!f.displayName.trim()) return setError("Give the discussion a display name.");
    setError(null);
    onSave({ kind: "olx", olx: writeDiscussionOlx(data.olx, f, newId) });
  };
  return (
    <div>
      <Field label="Display name" value={f.displayName} onChange={(e) => setF({ ...f, displayName: e.target.value })} error={error} />
      <Field label="Category" hint="The forum topic group, e.g. the week or module." value={f.category} onChange={(e) => setF({ ...f, category: e.target.value })} />
      <Field label="Subcategory" hint="The topic inside the category." value={f.subcategory} onChange={(e) => setF({ ...f, subcategory: e.target.value })} />
      <div className={styles.actions}>
        <Button onClick={save} disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Close
        </Button>
      </div>
    </div>
  );
}
