// Keyboard moves in the Studio outline (pure, used by the client): "Move up"/"Move down" step an
// item past its neighbour and, at the edge of its parent, into the end (or start) of the previous
// (next) parent of the same kind — so a unit can travel across subsections and sections by keyboard.
// Also the summary the delete confirmation shows ("2 subsections, 5 units, 12 components").
import type { OutlineNode } from "./types";

export interface MoveTarget {
  parentUsageKey: string;
  position: number;
}

interface Located {
  node: OutlineNode;
  parentKey: string;
  siblings: OutlineNode[];
  index: number;
}

/** Every node in document order with its parent and siblings. */
export function locateAll(rootKey: string, sections: OutlineNode[]): Located[] {
  const out: Located[] = [];
  const walk = (list: OutlineNode[], parentKey: string) => {
    list.forEach((node, index) => {
      out.push({ node, parentKey, siblings: list, index });
      walk(node.children, node.usageKey);
    });
  };
  walk(sections, rootKey);
  return out;
}

export function moveTarget(rootKey: string, sections: OutlineNode[], usageKey: string, dir: "up" | "down"): MoveTarget | null {
  const all = locateAll(rootKey, sections);
  const me = all.find((l) => l.node.usageKey === usageKey);
  if (!me) return null;
  if (dir === "up" && me.index > 0) return { parentUsageKey: me.parentKey, position: me.index - 1 };
  if (dir === "down" && me.index < me.siblings.length - 1) return { parentUsageKey: me.parentKey, position: me.index + 1 };
  if (me.node.blockType === "chapter") return null;
  // across parents: the previous/next parent of the same kind as mine, in document order
  const parentType = me.node.blockType === "sequential" ? "chapter" : "sequential";
  const parents = all.filter((l) => l.node.blockType === parentType);
  const at = parents.findIndex((p) => p.node.usageKey === me.parentKey);
  const other = parents[dir === "up" ? at - 1 : at + 1];
  if (!other) return null;
  return { parentUsageKey: other.node.usageKey, position: dir === "up" ? other.node.children.length : 0 };
}

/** Applies a move to a copy of the outline (optimistic update on the client). */
export function applyMove(rootKey: string, sections: OutlineNode[], usageKey: string, target: MoveTarget): OutlineNode[] {
  const clone = (list: OutlineNode[]): OutlineNode[] => list.map((n) => ({ ...n, children: clone(n.children) }));
  const next = clone(sections);
  const all = locateAll(rootKey, next);
  const me = all.find((l) => l.node.usageKey === usageKey);
  if (!me) return sections;
  me.siblings.splice(me.index, 1);
  const dest = target.parentUsageKey === rootKey ? next : locateAll(rootKey, next).find((l) => l.node.usageKey === target.parentUsageKey)?.node.children;
  if (!dest) return sections;
  dest.splice(Math.max(0, Math.min(dest.length, target.position)), 0, me.node);
  return next;
}

/** "2 subsections, 5 units and 12 components" — what deleting `node` also deletes. */
export function contentsSummary(node: OutlineNode): string {
  let subsections = 0;
  let units = 0;
  let components = 0;
  const walk = (n: OutlineNode) => {
    for (const c of n.children) {
      if (c.blockType === "sequential") subsections++;
      if (c.blockType === "vertical") {
        units++;
        components += c.componentCount;
      }
      walk(c);
    }
  };
  if (node.blockType === "vertical") components = node.componentCount;
  walk(node);
  const part = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts: string[] = [];
  if (node.blockType === "chapter") parts.push(part(subsections, "subsection", "subsections"));
  if (node.blockType !== "vertical") parts.push(part(units, "unit", "units"));
  parts.push(part(components, "component", "components"));
  if (parts.length === 1) return parts[0];
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}
