"use client";
// The Studio course outline: sections → subsections → units, in Open edX Studio's words. Items
// are added, renamed in place, duplicated, deleted (after a confirmation that says what is
// inside), published, and reordered or moved across parents by drag and drop (dnd-kit: mouse,
// touch, and keyboard — Space to lift, arrows to move, Space to drop) or with the "Move up" /
// "Move down" buttons. Every change is a server action; the page's data is then refreshed.
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition, type ReactNode } from "react";
import { Badge, Button, ButtonAnchor } from "@/components/ui";
import { addOutlineItemAction } from "@/lib/actions/studio/add-outline-item-action";
import { moveItemAction } from "@/lib/actions/studio/move-item-action";
import { publishAction } from "@/lib/actions/studio/publish-action";
import { applyMove, locateAll, moveTarget, type MoveTarget } from "@/lib/studio/outline-moves";
import type { OutlineKind, OutlineNode, StudioOutline } from "@/lib/studio/types";
import { OutlineContext, stateLabel, useOutline, type OutlineCtx } from "./outline-context";
import { OutlineItemHeader } from "./outline-item";
import styles from "./outline.module.css";

const KIND_WORD: Record<OutlineKind, string> = { chapter: "section", sequential: "subsection", vertical: "unit" };
const CHILD_KIND: Partial<Record<OutlineKind, OutlineKind>> = { chapter: "sequential", sequential: "vertical" };

export function OutlineEditor({ outline, liveUrl }: { outline: StudioOutline; liveUrl: string | null }) {
  const router = useRouter();
  // Optimistic moves apply to the outline they were made on; new server data replaces them.
  const [local, setLocal] = useState({ base: outline.sections, sections: outline.sections });
  const sections = local.base === outline.sections ? local.sections : outline.sections;
  const setSections = (next: OutlineNode[] | ((s: OutlineNode[]) => OutlineNode[])) =>
    setLocal((l) => {
      const current = l.base === outline.sections ? l.sections : outline.sections;
      return { base: outline.sections, sections: typeof next === "function" ? next(current) : next };
    });
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const [busy, startTransition] = useTransition();

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const index = useMemo(() => new Map(locateAll(outline.rootUsageKey, sections).map((l) => [l.node.usageKey, l])), [sections, outline.rootUsageKey]);

  const ctx: OutlineCtx = {
    courseKey: outline.courseKey,
    rootUsageKey: outline.rootUsageKey,
    assignmentTypes: outline.assignmentTypes,
    sections,
    busy,
    announce: setMessage,
    run(label, call, after) {
      startTransition(async () => {
        setError(null);
        let r: { ok: boolean; message?: string };
        try {
          r = await call();
        } catch {
          r = { ok: false, message: "Could not reach the server. Please try again." };
        }
        if (!r.ok) {
          setError(`${label}: ${r.message ?? "failed"}`);
          setSections(outline.sections);
          return;
        }
        setMessage(`${label}: done.`);
        after?.();
        router.refresh();
      });
    },
    move(usageKey, target) {
      const name = index.get(usageKey)?.node.displayName ?? "Item";
      setSections((s) => applyMove(outline.rootUsageKey, s, usageKey, target));
      ctx.run(`Move ${name}`, () => moveItemAction({ courseKey: outline.courseKey, usageKey, parentUsageKey: target.parentUsageKey, position: target.position }));
    },
    moveBy(usageKey, dir) {
      const t = moveTarget(outline.rootUsageKey, sections, usageKey, dir);
      if (t) ctx.move(usageKey, t);
    },
    canMove: (usageKey, dir) => moveTarget(outline.rootUsageKey, sections, usageKey, dir) !== null,
  };

  // Only items of the dragged kind (and the lists that accept it) are drop targets. The item under
  // the pointer wins; else a list under the pointer (an empty subsection: append); the keyboard
  // (no pointer) and anything else fall back to the closest item.
  const collisions: CollisionDetection = (args) => {
    const type = args.active.data.current?.type as string | undefined;
    const items = args.droppableContainers.filter((c) => (c.data.current as { type?: string } | undefined)?.type === type);
    const lists = args.droppableContainers.filter((c) => (c.data.current as { accepts?: string } | undefined)?.accepts === type);
    const overItem = pointerWithin({ ...args, droppableContainers: items });
    if (overItem.length) return overItem;
    const overList = pointerWithin({ ...args, droppableContainers: lists });
    if (overList.length) return overList;
    return closestCenter({ ...args, droppableContainers: items.length ? items : lists });
  };

  function onDragEnd(e: DragEndEvent) {
    const { active, over } = e;
    if (!over || active.id === over.id) return;
    const me = index.get(String(active.id));
    const d = over.data.current as { type?: string; accepts?: string; parent?: string } | undefined;
    if (!me || !d) return;
    let target: MoveTarget | null = null;
    if (d.accepts && d.parent) {
      const parent = index.get(d.parent)?.node;
      target = { parentUsageKey: d.parent, position: parent ? parent.children.filter((c) => c.usageKey !== me.node.usageKey).length : 0 };
    } else {
      const o = index.get(String(over.id));
      if (o) target = { parentUsageKey: o.parentKey, position: o.index };
    }
    if (!target || (target.parentUsageKey === me.parentKey && target.position === me.index)) return;
    ctx.move(me.node.usageKey, target);
  }

  const nameOf = (id: string | number) => index.get(String(id))?.node.displayName ?? "item";
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}. Use the arrow keys to move it, Space to drop it, Escape to cancel.`,
    onDragOver: ({ active, over }) => (over ? `${nameOf(active.id)} is over ${over.data.current?.accepts ? "the end of the list" : nameOf(over.id)}.` : `${nameOf(active.id)} is not over a place it can go.`),
    onDragEnd: ({ active, over }) => (over ? `${nameOf(active.id)} was dropped.` : `${nameOf(active.id)} was not moved.`),
    onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled.`,
  };

  const published = outline.state !== "draft";
  return (
    <OutlineContext.Provider value={ctx}>
      <div className={styles.toolbar}>
        <Badge tone={stateLabel(outline).tone} data-testid="course-state">
          {stateLabel(outline).text}
        </Badge>
        <Button
          disabled={busy || outline.state === "published"}
          onClick={() => ctx.run("Publish course", () => publishAction({ courseKey: outline.courseKey }))}
          aria-label="Publish all changes in the course"
        >
          Publish
        </Button>
        {published && liveUrl ? (
          <ButtonAnchor href={liveUrl} variant="secondary" target="_blank" rel="noopener">
            View live
          </ButtonAnchor>
        ) : null}
        <NewItemButton parentUsageKey={outline.rootUsageKey} kind="chapter" />
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {message}
      </p>
      {error ? (
        <div className={styles.error} role="alert">
          {error}
        </div>
      ) : null}
      <DndContext sensors={sensors} collisionDetection={collisions} onDragEnd={onDragEnd} accessibility={{ announcements }}>
        <ItemList parentKey={outline.rootUsageKey} kind="chapter" items={sections} />
      </DndContext>
      {sections.length === 0 ? <p className={styles.empty}>This course has no sections yet. Use “New section” to add the first one.</p> : null}
    </OutlineContext.Provider>
  );
}

function ItemList({ parentKey, kind, items }: { parentKey: string; kind: OutlineKind; items: OutlineNode[] }) {
  const { setNodeRef, isOver } = useDroppable({ id: `drop:${parentKey}`, data: { accepts: kind, parent: parentKey } });
  return (
    <SortableContext items={items.map((i) => i.usageKey)} strategy={verticalListSortingStrategy}>
      <ol ref={setNodeRef} className={[styles.list, styles[`list_${kind}`], isOver ? styles.listOver : ""].join(" ")} aria-label={`${KIND_WORD[kind][0].toUpperCase()}${KIND_WORD[kind].slice(1)}s`}>
        {items.map((item) => (
          <SortableItem key={item.usageKey} node={item} parentKey={parentKey} />
        ))}
      </ol>
    </SortableContext>
  );
}

function SortableItem({ node, parentKey }: { node: OutlineNode; parentKey: string }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: node.usageKey,
    data: { type: node.blockType, parent: parentKey },
  });
  const style = { transform: CSS.Translate.toString(transform), transition };
  const childKind = CHILD_KIND[node.blockType];
  const handle: ReactNode = (
    <button
      type="button"
      ref={setActivatorNodeRef}
      className={styles.handle}
      aria-label={`Drag to reorder ${KIND_WORD[node.blockType]} ${node.displayName}`}
      {...attributes}
      {...listeners}
    >
      <span aria-hidden="true">⠿</span>
    </button>
  );
  return (
    <li ref={setNodeRef} style={style} className={[styles.item, styles[`item_${node.blockType}`], isDragging ? styles.dragging : ""].join(" ")} data-testid={`outline-${node.blockType}`} data-usage-key={node.usageKey}>
      <OutlineItemHeader node={node} handle={handle} />
      {childKind ? (
        <div className={styles.children}>
          <ItemList parentKey={node.usageKey} kind={childKind} items={node.children} />
          <NewItemButton parentUsageKey={node.usageKey} kind={childKind} />
        </div>
      ) : null}
    </li>
  );
}

export function NewItemButton({ parentUsageKey, kind }: { parentUsageKey: string; kind: OutlineKind }) {
  const { run, courseKey, busy } = useOutline();
  const label = `New ${KIND_WORD[kind]}`;
  return (
    <Button variant="secondary" size="small" disabled={busy} className={styles.newButton} onClick={() => run(label, () => addOutlineItemAction({ courseKey, parentUsageKey, blockType: kind }))}>
      + {label}
    </Button>
  );
}
