// What one learner sees of the course's randomized and conditional blocks, resolved over the whole
// outline at once (pure): library_content picks, split_test groups and conditional outcomes, plus
// the choices that are new or changed and should be persisted. componentsOf (outline.ts) reads the
// result from Viewer.content; grading reads `library` to count only the picked problems.
import type { Outline, OutlineNode } from "./outline";
import {
  assignGroup, conditionMet, conditionOf, groupChildMap, partitionGroups, seedOf, selectLibraryChildren,
  type ChoiceStore, type SourceState,
} from "./selection";

export interface ConditionalOutcome {
  met: boolean;
  /** what shows when met: the <show> blocks, or the conditional's children */
  show: OutlineNode[];
  message: string | null;
}

export interface LearnerContent {
  /** library_content / itembank usage key → picked child usage keys */
  library: Map<string, string[]>;
  /** split_test usage key → the usage keys of the learner's group's children */
  split: Map<string, string[]>;
  conditional: Map<string, ConditionalOutcome>;
}

export const LIBRARY_TYPES: ReadonlySet<string> = new Set(["library_content", "itembank"]);

export const libraryChoiceKey = (usageKey: string) => `library:${usageKey}`;
export const partitionChoiceKey = (partitionId: number | string) => `partition:${partitionId}`;

/** Does this outline hold anything that depends on the learner? (then choices are worth loading) */
export function hasLearnerContent(outline: Outline): boolean {
  for (const n of outline.byKey.values()) if (LIBRARY_TYPES.has(n.type) || n.type === "split_test" || n.type === "conditional") return true;
  return false;
}

export function hasConditionals(outline: Outline): boolean {
  for (const n of outline.byKey.values()) if (n.type === "conditional") return true;
  return false;
}

/**
 * Resolves every learner-dependent block. `stored` holds the persisted choices (choice key → value);
 * `sourceState` answers for conditional sources by url_name. Returns the content and the choices
 * to persist (new or changed).
 */
export function resolveLearnerContent({ outline, learnerId, stored, sourceState }: {
  outline: Outline;
  learnerId: number;
  stored: ChoiceStore;
  sourceState?: (urlName: string) => SourceState | undefined;
}): { content: LearnerContent; toSave: ChoiceStore } {
  const content: LearnerContent = { library: new Map(), split: new Map(), conditional: new Map() };
  const toSave: ChoiceStore = new Map();
  const byName = new Map<string, OutlineNode>();
  for (const n of outline.byKey.values()) if (!byName.has(n.urlName)) byName.set(n.urlName, n);
  const partitions = outline.root.settings.user_partitions;

  for (const n of outline.byKey.values()) {
    if (LIBRARY_TYPES.has(n.type)) {
      const key = libraryChoiceKey(n.usageKey);
      const prev = stored.get(key);
      const sel = selectLibraryChildren({
        children: n.children.map((c) => c.usageKey),
        maxCount: n.settings.max_count,
        mode: n.settings.mode,
        previous: Array.isArray(prev) ? prev : null,
        seed: seedOf(learnerId, n.usageKey),
      });
      content.library.set(n.usageKey, sel.selected);
      if (sel.changed) toSave.set(key, sel.selected);
    } else if (n.type === "split_test") {
      const pid = n.settings.user_partition_id;
      const key = partitionChoiceKey(String(pid ?? n.usageKey));
      const prev = toSave.get(key) ?? stored.get(key);
      const groups = partitionGroups(partitions, pid, n.settings.group_id_to_child);
      const { groupId, changed } = assignGroup({ groups, previous: typeof prev === "number" ? prev : null, seed: seedOf(learnerId, key) });
      if (changed && groupId !== null) toSave.set(key, groupId);
      const childName = groupId === null ? undefined : groupChildMap(n.settings.group_id_to_child).get(groupId);
      content.split.set(n.usageKey, n.children.filter((c) => c.urlName === childName).map((c) => c.usageKey));
    } else if (n.type === "conditional") {
      const cond = conditionOf(n.settings);
      const met = conditionMet(cond, (name) => sourceState?.(name));
      const show = cond.show.length ? cond.show.map((s) => byName.get(s)).filter((x): x is OutlineNode => !!x) : n.children;
      content.conditional.set(n.usageKey, { met, show, message: cond.message });
    }
  }
  return { content, toSave };
}
