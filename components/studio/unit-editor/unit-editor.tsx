"use client";
// The unit editor: the unit's components in order, each with Edit (its editor opens in place),
// Duplicate, Move up/down, drag (dnd-kit; the handle also works from the keyboard) and Delete
// (after a confirmation dialog); the unit's publish state with Publish, Discard changes, Preview
// and View live. Every change goes through s-core's server actions, which authorize and answer
// with the kit's result shape; the page is then refreshed from the server.
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useRouter } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";
import { Badge, Button, ButtonAnchor, ButtonLink, Field, Notice, SelectField, useActionCall } from "@/components/ui";
import { addComponentAction } from "@/lib/actions/studio/add-component-action";
import { deleteItemAction } from "@/lib/actions/studio/delete-item-action";
import { discardChangesAction } from "@/lib/actions/studio/discard-changes-action";
import { duplicateItemAction } from "@/lib/actions/studio/duplicate-item-action";
import { moveItemAction } from "@/lib/actions/studio/move-item-action";
import { publishAction } from "@/lib/actions/studio/publish-action";
import type { PublishState, UnitComponentSummary, UnitEditorData } from "@/lib/studio/types";
import { ComponentEditor } from "./component-editor";
import styles from "./unit-editor.module.css";

const STATE_LABEL: Record<PublishState, { text: string; tone: "neutral" | "success" | "warning" }> = {
  draft: { text: "Draft (never published)", tone: "neutral" },
  published: { text: "Published", tone: "success" },
  changed: { text: "Published, with unpublished changes", tone: "warning" },
};

const TYPE_LABEL: Record<string, string> = { html: "Text", problem: "Problem", video: "Video", discussion: "Discussion" };
export const typeLabel = (t: string) => TYPE_LABEL[t] ?? `Advanced (${t})`;

/** A modal confirmation on the native <dialog>: focus stays inside, Escape cancels. */
function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onCancel }: { open: boolean; title: string; children: ReactNode; confirmLabel: string; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const setRef = (el: HTMLDialogElement | null) => {
    ref.current = el;
    if (el && open && !el.open) el.showModal();
  };
  if (!open) return null;
  return (
    <dialog ref={setRef} className={styles.dialog} aria-labelledby="confirm-title" onCancel={onCancel}>
      <h2 id="confirm-title" style={{ marginTop: 0, fontSize: "1.15rem" }}>
        {title}
      </h2>
      {children}
      <div className={styles.actions}>
        <Button variant="danger" onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel} autoFocus>
          Cancel
        </Button>
      </div>
    </dialog>
  );
}

function SortableItem({
  c,
  index,
  count,
  busy,
  editing,
  onEdit,
  onDuplicate,
  onMove,
  onDelete,
  children,
}: {
  c: UnitComponentSummary;
  index: number;
  count: number;
  busy: boolean;
  editing: boolean;
  onEdit: () => void;
  onDuplicate: () => void;
  onMove: (to: number) => void;
  onDelete: () => void;
  children: ReactNode;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: c.usageKey, disabled: busy });
  const name = c.displayName || typeLabel(c.blockType);
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={[styles.item, isDragging ? styles.itemDragging : ""].join(" ")}
      data-testid="unit-component"
      data-usage-key={c.usageKey}
      data-block-type={c.blockType}
    >
      <div className={styles.itemHead}>
        <button type="button" ref={setActivatorNodeRef} className={styles.handle} aria-label={`Drag to reorder: ${name}`} {...attributes} {...listeners}>
          ⠿
        </button>
        <h3 className={styles.itemTitle}>
          {name} <span className={styles.itemType}>{typeLabel(c.blockType)}</span>
        </h3>
        {c.unsupportedReason ? <Badge tone="warning">{c.unsupportedReason}</Badge> : null}
        <Button size="small" variant={editing ? "primary" : "secondary"} onClick={onEdit} aria-expanded={editing} aria-label={`${editing ? "Close editor" : "Edit"}: ${name}`}>
          {editing ? "Close" : "Edit"}
        </Button>
        <Button size="small" variant="secondary" onClick={onDuplicate} disabled={busy} aria-label={`Duplicate: ${name}`}>
          Duplicate
        </Button>
        <Button size="small" variant="secondary" onClick={() => onMove(index - 1)} disabled={busy || index === 0} aria-label={`Move up: ${name}`}>
          ↑
        </Button>
        <Button size="small" variant="secondary" onClick={() => onMove(index + 1)} disabled={busy || index === count - 1} aria-label={`Move down: ${name}`}>
          ↓
        </Button>
        <Button size="small" variant="danger" onClick={onDelete} disabled={busy} aria-label={`Delete: ${name}`}>
          Delete
        </Button>
      </div>
      {children}
    </li>
  );
}

const ADVANCED_TYPES = ["poll", "word_cloud", "lti_consumer", "annotatable", "openassessment", "library_content"];

export function UnitEditor({ data, canPublish }: { data: UnitEditorData; canPublish: boolean }) {
  const router = useRouter();
  const { courseKey, unit } = data;
  const call = useActionCall();
  const [status, setStatus] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ kind: "delete"; c: UnitComponentSummary } | { kind: "discard" } | null>(null);
  const [advancedType, setAdvancedType] = useState("poll");
  // Optimistic order while a move is on its way; replaced by the server's list when it arrives.
  const [order, setOrder] = useState<{ source: UnitComponentSummary[]; keys: string[] } | null>(null);
  const components =
    order && order.source === data.components
      ? order.keys.map((k) => data.components.find((c) => c.usageKey === k)).filter((c): c is UnitComponentSummary => !!c)
      : data.components;

  const done = (msg: string) => () => {
    setStatus(msg);
    router.refresh();
  };

  const move = (c: UnitComponentSummary, to: number) => {
    const from = components.findIndex((x) => x.usageKey === c.usageKey);
    if (to < 0 || to >= components.length || from === to) return;
    setOrder({ source: data.components, keys: arrayMove(components, from, to).map((x) => x.usageKey) });
    call.run(() => moveItemAction({ courseKey, usageKey: c.usageKey, parentUsageKey: unit.usageKey, position: to }), done(`Moved “${c.displayName || typeLabel(c.blockType)}” to position ${to + 1}.`));
  };

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const onDragEnd = (e: DragEndEvent) => {
    if (!e.over || e.active.id === e.over.id) return;
    const c = components.find((x) => x.usageKey === e.active.id);
    const to = components.findIndex((x) => x.usageKey === e.over!.id);
    if (c && to >= 0) move(c, to);
  };

  const add = (blockType: string) =>
    call.run(
      () => addComponentAction({ courseKey, unitUsageKey: unit.usageKey, blockType }),
      (d) => {
        setStatus(`Added a ${typeLabel(blockType)} component.`);
        setEditing(d.usageKey);
        router.refresh();
      },
    );

  const state = STATE_LABEL[unit.state];
  return (
    <>
      <div className={styles.stateLine}>
        <span>
          Status: <Badge tone={state.tone} data-testid="unit-state" data-state={unit.state}>{state.text}</Badge>
        </span>
      </div>
      <div className={styles.toolbar} role="group" aria-label="Unit actions">
        {canPublish ? (
          <Button onClick={() => call.run(() => publishAction({ courseKey, usageKey: unit.usageKey }), done("Published this unit."))} disabled={call.pending || unit.state === "published"}>
            Publish
          </Button>
        ) : null}
        {unit.state === "changed" ? (
          <Button variant="secondary" onClick={() => setConfirm({ kind: "discard" })} disabled={call.pending}>
            Discard changes
          </Button>
        ) : null}
        <ButtonLink variant="secondary" href={data.previewUrl} prefetch={false}>
          Preview
        </ButtonLink>
        {data.liveUrl ? (
          <ButtonAnchor variant="secondary" href={data.liveUrl}>
            View live
          </ButtonAnchor>
        ) : null}
      </div>
      <div aria-live="polite" role="status">
        {call.error ? (
          <Notice tone="error" data-testid="unit-error">
            {call.error}
          </Notice>
        ) : status ? (
          <p className={styles.muted}>{status}</p>
        ) : null}
      </div>

      <h2 style={{ fontSize: "1.2rem" }}>Components</h2>
      {components.length === 0 ? <p className={styles.muted}>This unit has no components yet. Add one below.</p> : null}
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={components.map((c) => c.usageKey)} strategy={verticalListSortingStrategy}>
          <ol className={styles.list} aria-label="Components of this unit">
            {components.map((c, i) => (
              <SortableItem
                key={c.usageKey}
                c={c}
                index={i}
                count={components.length}
                busy={call.pending}
                editing={editing === c.usageKey}
                onEdit={() => setEditing(editing === c.usageKey ? null : c.usageKey)}
                onDuplicate={() => call.run(() => duplicateItemAction({ courseKey, usageKey: c.usageKey }), done(`Duplicated “${c.displayName || typeLabel(c.blockType)}”.`))}
                onMove={(to) => move(c, to)}
                onDelete={() => setConfirm({ kind: "delete", c })}
              >
                {editing === c.usageKey ? (
                  <div className={styles.editorArea}>
                    <ComponentEditor
                      courseKey={courseKey}
                      summary={c}
                      onSaved={() => {
                        setStatus(`Saved “${c.displayName || typeLabel(c.blockType)}”.`);
                        router.refresh();
                      }}
                      onClose={() => setEditing(null)}
                    />
                  </div>
                ) : null}
              </SortableItem>
            ))}
          </ol>
        </SortableContext>
      </DndContext>

      <section className={styles.addBar} aria-labelledby="add-component-heading">
        <h2 id="add-component-heading">Add a component</h2>
        <Button variant="secondary" onClick={() => add("html")} disabled={call.pending}>
          Text
        </Button>
        <Button variant="secondary" onClick={() => add("problem")} disabled={call.pending}>
          Problem
        </Button>
        <Button variant="secondary" onClick={() => add("video")} disabled={call.pending}>
          Video
        </Button>
        <Button variant="secondary" onClick={() => add("discussion")} disabled={call.pending}>
          Discussion
        </Button>
        <div className={styles.inline}>
          <SelectField label="Advanced type" value={advancedType} onChange={(e) => setAdvancedType(e.target.value)}>
            {ADVANCED_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
            <option value="">other…</option>
          </SelectField>
          {ADVANCED_TYPES.includes(advancedType) ? null : (
            <Field label="Block type" value={advancedType} onChange={(e) => setAdvancedType(e.target.value.trim())} pattern="[A-Za-z_][A-Za-z0-9_.-]*" />
          )}
          <Button variant="secondary" onClick={() => add(advancedType)} disabled={call.pending || !/^[A-Za-z_][\w.-]*$/.test(advancedType)}>
            Add advanced component
          </Button>
        </div>
      </section>

      <ConfirmDialog
        open={confirm?.kind === "delete"}
        title="Delete this component?"
        confirmLabel="Delete component"
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          if (confirm?.kind !== "delete") return;
          const c = confirm.c;
          setConfirm(null);
          if (editing === c.usageKey) setEditing(null);
          call.run(() => deleteItemAction({ courseKey, usageKey: c.usageKey }), done(`Deleted “${c.displayName || typeLabel(c.blockType)}”.`));
        }}
      >
        <p>
          “{confirm?.kind === "delete" ? confirm.c.displayName || typeLabel(confirm.c.blockType) : ""}” will be removed from this unit&apos;s draft. Learners keep seeing it until you
          publish.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm?.kind === "discard"}
        title="Discard unpublished changes?"
        confirmLabel="Discard changes"
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          setConfirm(null);
          setEditing(null);
          call.run(() => discardChangesAction({ courseKey, usageKey: unit.usageKey }), done("Discarded the unpublished changes; the unit is back to its published content."));
        }}
      >
        <p>The unit goes back to what learners see now. Your unpublished edits to it are lost.</p>
      </ConfirmDialog>
    </>
  );
}
