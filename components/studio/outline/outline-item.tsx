"use client";
// One row of the Studio outline: drag handle, name (renamed in place), publish state, release/due
// dates and grading, and the item's actions. Subsections open their settings form here.
import Link from "next/link";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Badge, Button } from "@/components/ui";
import { deleteItemAction } from "@/lib/actions/studio/delete-item-action";
import { duplicateItemAction } from "@/lib/actions/studio/duplicate-item-action";
import { publishAction } from "@/lib/actions/studio/publish-action";
import { renameItemAction } from "@/lib/actions/studio/rename-item-action";
import { contentsSummary } from "@/lib/studio/outline-moves";
import { liveUnitPath, previewPath, unitPath } from "@/lib/studio/paths";
import type { OutlineNode } from "@/lib/studio/types";
import { stateLabel, useOutline } from "./outline-context";
import { SubsectionSettings } from "./subsection-settings";
import styles from "./outline.module.css";

const WORD = { chapter: "Section", sequential: "Subsection", vertical: "Unit" } as const;

export function formatDate(iso: string | null): string {
  if (!iso) return "";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function OutlineItemHeader({ node, handle }: { node: OutlineNode; handle: ReactNode }) {
  const o = useOutline();
  const [renaming, setRenaming] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const word = WORD[node.blockType];
  const state = stateLabel(node);
  const titleId = useId();

  return (
    <div className={styles.header}>
      <div className={styles.headerMain}>
        {handle}
        <div className={styles.titleBlock}>
          <span className={styles.kind}>{word}</span>
          {renaming ? (
            <RenameInput node={node} onDone={() => setRenaming(false)} />
          ) : node.blockType === "vertical" ? (
            <Link id={titleId} className={styles.title} href={unitPath(o.courseKey, node.usageKey)}>
              {node.displayName}
            </Link>
          ) : (
            <h3 id={titleId} className={[styles.title, styles[`title_${node.blockType}`]].join(" ")}>
              {node.displayName}
            </h3>
          )}
        </div>
        <Badge tone={state.tone} data-testid="item-state">
          {state.text}
        </Badge>
      </div>
      <ul className={styles.meta} aria-label={`About ${word.toLowerCase()} ${node.displayName}`}>
        {node.start ? <li>{node.releasedInFuture ? <strong>Scheduled: releases {formatDate(node.start)}</strong> : <>Released {formatDate(node.start)}</>}</li> : null}
        {node.blockType === "sequential" && node.due ? <li>Due {formatDate(node.due)}</li> : null}
        {node.blockType === "sequential" ? <li>{node.format ? `Graded as ${node.format}` : "Not graded"}</li> : null}
        {node.visibleToStaffOnly ? (
          <li>
            <Badge tone="info">Staff only</Badge>
          </li>
        ) : null}
        {node.blockType === "vertical" ? <li>{node.componentCount === 1 ? "1 component" : `${node.componentCount} components`}</li> : null}
      </ul>
      <div className={styles.actions} role="group" aria-label={`Actions for ${word.toLowerCase()} ${node.displayName}`}>
        <Button size="small" variant="ghost" onClick={() => setRenaming(true)} disabled={o.busy} aria-label={`Rename ${node.displayName}`}>
          Rename
        </Button>
        {node.blockType === "sequential" ? (
          <Button size="small" variant="ghost" aria-expanded={settingsOpen} onClick={() => setSettingsOpen(!settingsOpen)} aria-label={`Settings of ${node.displayName}`}>
            Settings
          </Button>
        ) : null}
        <Button
          size="small"
          variant="ghost"
          disabled={o.busy || node.state === "published"}
          onClick={() => o.run(`Publish ${node.displayName}`, () => publishAction({ courseKey: o.courseKey, usageKey: node.usageKey }))}
          aria-label={`Publish ${node.displayName}`}
        >
          Publish
        </Button>
        <Button size="small" variant="ghost" disabled={o.busy} onClick={() => o.run(`Duplicate ${node.displayName}`, () => duplicateItemAction({ courseKey: o.courseKey, usageKey: node.usageKey }))} aria-label={`Duplicate ${node.displayName}`}>
          Duplicate
        </Button>
        <Button size="small" variant="ghost" disabled={o.busy || !o.canMove(node.usageKey, "up")} onClick={() => o.moveBy(node.usageKey, "up")} aria-label={`Move ${node.displayName} up`}>
          Move up
        </Button>
        <Button size="small" variant="ghost" disabled={o.busy || !o.canMove(node.usageKey, "down")} onClick={() => o.moveBy(node.usageKey, "down")} aria-label={`Move ${node.displayName} down`}>
          Move down
        </Button>
        {node.blockType === "vertical" ? (
          <>
            <Link className={styles.actionLink} href={previewPath(o.courseKey, node.usageKey)} aria-label={`Preview ${node.displayName}`}>
              Preview
            </Link>
            {node.state !== "draft" ? (
              <a className={styles.actionLink} href={liveUnitPath(o.courseKey, node.urlName)} target="_blank" rel="noopener" aria-label={`View ${node.displayName} live`}>
                View live
              </a>
            ) : null}
          </>
        ) : null}
        <Button size="small" variant="danger" disabled={o.busy} onClick={() => setConfirming(true)} aria-label={`Delete ${node.displayName}`}>
          Delete
        </Button>
      </div>
      {settingsOpen ? <SubsectionSettings node={node} onDone={() => setSettingsOpen(false)} /> : null}
      {confirming ? <ConfirmDelete node={node} onClose={() => setConfirming(false)} /> : null}
    </div>
  );
}

function RenameInput({ node, onDone }: { node: OutlineNode; onDone: () => void }) {
  const o = useOutline();
  const [value, setValue] = useState(node.displayName);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const save = () => {
    const name = value.trim();
    onDone();
    if (!name || name === node.displayName) return;
    o.run(`Rename ${node.displayName}`, () => renameItemAction({ courseKey: o.courseKey, usageKey: node.usageKey, displayName: name }));
  };
  return (
    <input
      ref={ref}
      className={styles.renameInput}
      aria-label={`New name for ${node.displayName}`}
      value={value}
      maxLength={255}
      onChange={(e) => setValue(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          save();
        } else if (e.key === "Escape") {
          e.preventDefault();
          onDone();
        }
      }}
    />
  );
}

function ConfirmDelete({ node, onClose }: { node: OutlineNode; onClose: () => void }) {
  const o = useOutline();
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const bodyId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const word = WORD[node.blockType].toLowerCase();
  return (
    <dialog ref={ref} className={styles.dialog} aria-labelledby={headingId} aria-describedby={bodyId} onClose={onClose}>
      <h2 id={headingId} className={styles.dialogTitle}>
        Delete this {word}?
      </h2>
      <p id={bodyId}>
        Deleting “{node.displayName}” also deletes {contentsSummary(node)} inside it. Learners keep seeing the published version until you publish. This cannot be undone.
      </p>
      <div className={styles.dialogActions}>
        <Button
          variant="danger"
          onClick={() => {
            ref.current?.close();
            o.run(`Delete ${node.displayName}`, () => deleteItemAction({ courseKey: o.courseKey, usageKey: node.usageKey }));
          }}
        >
          Yes, delete
        </Button>
        <Button variant="secondary" autoFocus onClick={() => ref.current?.close()}>
          Cancel
        </Button>
      </div>
    </dialog>
  );
}
