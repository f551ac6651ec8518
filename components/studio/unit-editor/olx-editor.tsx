"use client";
// The raw OLX editor for every block type without its own editor (and for problems until the
// problem editor is mounted): the element as written, checked before saving (well-formed, root
// tag = the block's type). The server checks the same again and keeps unknown XBlocks verbatim.
import { useId, useState } from "react";
import { Button } from "@/components/ui";
import type { EditorProps } from "./component-editor";
import { parseBlockXml } from "./olx-xml";
import styles from "./unit-editor.module.css";

export function OlxEditor({ data, saving, onSave, onCancel }: EditorProps) {
  const id = useId();
  const [olx, setOlx] = useState(data.olx);
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    const check = parseBlockXml(olx, data.blockType);
    if (!check.ok) {
      setError(check.error);
      return;
    }
    setError(null);
    onSave({ kind: "olx", olx });
  };
  return (
    <div>
      <label htmlFor={`${id}-olx`} style={{ fontWeight: 600, display: "block" }}>
        OLX of this {data.blockType} component
      </label>
      <p id={`${id}-hint`} className={styles.muted} style={{ margin: "0.25rem 0" }}>
        The whole <code>&lt;{data.blockType}&gt;</code> element. It is stored exactly as written.
      </p>
      <textarea
        id={`${id}-olx`}
        className={styles.code}
        value={olx}
        spellCheck={false}
        onChange={(e) => {
          setOlx(e.target.value);
          setError(null);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      />
      {error ? (
        <p id={`${id}-error`} role="alert" style={{ color: "var(--color-danger)", margin: "0.25rem 0" }}>
          {error}
        </p>
      ) : null}
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
