// Small walks over a resolved OlxBlock tree.
import type { OlxBlock } from "./types";

/** Visits the block and its descendants depth-first, parents before children (iterative). */
export function* walkBlocks(root: OlxBlock): Generator<{ block: OlxBlock; parent: OlxBlock | null; depth: number; position: number }> {
  const stack: Array<{ block: OlxBlock; parent: OlxBlock | null; depth: number; position: number }> = [
    { block: root, parent: null, depth: 0, position: 0 },
  ];
  while (stack.length) {
    const item = stack.pop()!;
    yield item;
    for (let i = item.block.children.length - 1; i >= 0; i--) {
      stack.push({ block: item.block.children[i], parent: item.block, depth: item.depth + 1, position: i });
    }
  }
}

/** Blocks reachable from the root by type, the root itself included. */
export function countBlocks(root: OlxBlock): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { block } of walkBlocks(root)) counts[block.type] = (counts[block.type] ?? 0) + 1;
  return counts;
}
