"use client";
// The outline editor's shared state (actions, moves, announcements) and the state labels.
import { createContext, useContext } from "react";
import type { MoveTarget } from "@/lib/studio/outline-moves";
import type { OutlineNode } from "@/lib/studio/types";

export interface OutlineCtx {
  courseKey: string;
  rootUsageKey: string;
  assignmentTypes: string[];
  sections: OutlineNode[];
  busy: boolean;
  /** runs a server action, shows its error, refreshes the page data on success */
  run: (label: string, call: () => Promise<{ ok: boolean; message?: string }>, after?: () => void) => void;
  move: (usageKey: string, target: MoveTarget) => void;
  moveBy: (usageKey: string, dir: "up" | "down") => void;
  canMove: (usageKey: string, dir: "up" | "down") => boolean;
  announce: (msg: string) => void;
}

export const OutlineContext = createContext<OutlineCtx | null>(null);
export function useOutline(): OutlineCtx {
  const c = useContext(OutlineContext);
  if (!c) throw new Error("useOutline outside OutlineEditor");
  return c;
}

export function stateLabel(node: Pick<OutlineNode, "state">): { text: string; tone: "success" | "warning" | "neutral" } {
  switch (node.state) {
    case "published":
      return { text: "Published and live", tone: "success" };
    case "changed":
      return { text: "Draft (unpublished changes)", tone: "warning" };
    default:
      return { text: "Draft (never published)", tone: "neutral" };
  }
}

