// What one learner sees of the course's randomized and conditional blocks, resolved over the whole
// outline at once (pure): library_content picks, split_test groups and conditional outcomes, plus
// the choices that are new or changed and should be persisted. componentsOf (outline.ts) reads the
// result from Viewer.content; grading reads `library` to count only the picked problems.
import type { Outline, OutlineNode } from "./outline";
import {
  assignGroup, conditionMet, conditionOf, groupChildMap, partitionGroups, seedOf, selectLibraryChildren,
  type ChoiceStore, type SourceRef, type SourceState,
} from "./selection";

export interface ConditionalOutcome {
  met: boolean;
  /** what shows when met: the conditional's children, then the blocks its <show> tags name */
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

/** A source block the learner has not touched. */
const NOTHING_DONE = (n: OutlineNode): SourceState => ({ problem: n.type === "problem", attempted: false, submitted: false, done: false, correct: false });

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
 * `sourceState` answers for conditional sources by usage key. Returns the content and the choices
 * to persist (new or changed).
 */
export function resolveLearnerContent({ outline, learnerId, stored, sourceState }: {
  outline: Outline;
  learnerId: number;
  stored: ChoiceStore;
  sourceState?: (usageKey: string) => SourceState | undefined;
}): { content: LearnerContent; toSave: ChoiceStore } {
  const content: LearnerContent = { library: new Map(), split: new Map(), conditional: new Map() };
  const toSave: ChoiceStore = new Map();
  // A locator names a block by type and url_name (url_names are unique per type, not across types);
  // a bare url_name matches the first block of any type.
  const byName = new Map<string, OutlineNode[]>();
  for (const n of outline.byKey.values()) byName.set(n.urlName, [...(byName.get(n.urlName) ?? []), n]);
  const find = (ref: SourceRef) => byName.get(ref.name)?.find((n) => ref.type === null || n.type === ref.type);
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
      const met = conditionMet(cond, (ref) => {
        const source = find(ref);
        return source ? (sourceState?.(source.usageKey) ?? NOTHING_DONE(source)) : undefined;
      });
      // ConditionalBlock's children are its own blocks and its <show> references (an Open edX export
      // writes the children first, then one <show>); never itself, never twice.
      const shown = cond.show.map(find).filter((x): x is OutlineNode => !!x && x.usageKey !== n.usageKey && !n.children.includes(x));
      content.conditional.set(n.usageKey, { met, show: [...n.children, ...shown.filter((x, i) => shown.indexOf(x) === i)], message: cond.message });
    }
  }
  return { content, toSave };
}
