// Per-learner content selection, pure: which children of a library_content block a learner sees
// (max_count of them, "random" or "fixed"), which split_test group a learner is in, and whether a
// conditional's sources meet its condition. Randomness is a deterministic hash of learner + block
// + child (rendezvous hashing), so a pick is reproducible anywhere (page, completion, grading)
// without a write; the pick a learner was shown is also persisted (lib/lms/personalize.ts), and
// the refresh rules below keep it across course versions the way Open edX's
// LibraryContentBlock.make_selection does: children that still exist stay picked, removed ones
// are dropped, and the gap is filled from the new pool; a lowered max_count drops the extras.

/** 53-bit string hash (cyrb53): stable across processes and platforms. */
export function stableHash(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The seed of one learner's choice at one block: usage keys are stable across versions. */
export function seedOf(learnerId: number | string, blockKey: string): string {
  return `${learnerId}|${blockKey}`;
}

/** `items` ordered by their hash under `seed`, highest first (ties by name). */
function ranked(seed: string, items: readonly string[]): string[] {
  return [...items].map((k) => [k, stableHash(`${seed}|${k}`)] as const).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
}

export type LibraryMode = "random" | "fixed";

export function libraryModeOf(v: unknown): LibraryMode {
  return typeof v === "string" && (v.trim().toLowerCase() === "fixed" || v.trim().toLowerCase() === "first") ? "fixed" : "random";
}

/** max_count as Open edX reads it: a negative (or missing/invalid) count means every child. */
export function maxCountOf(v: unknown, childCount: number): number {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!Number.isFinite(n) || n < 0) return childCount;
  return Math.min(Math.floor(n), childCount);
}

export interface LibrarySelection {
  /** the picked children, in the block's child order */
  selected: string[];
  /** differs from `previous` (a new pick to persist) */
  changed: boolean;
}

/**
 * The children a learner sees. `children` are child usage keys in course order; `previous` the
 * learner's persisted pick (null when none). Fixed mode shows the first max_count children.
 */
export function selectLibraryChildren({ children, maxCount, mode, previous, seed }: {
  children: readonly string[];
  maxCount: unknown;
  mode?: unknown;
  previous: readonly string[] | null;
  seed: string;
}): LibrarySelection {
  const max = maxCountOf(maxCount, children.length);
  let picked: string[];
  if (libraryModeOf(mode) === "fixed") {
    picked = children.slice(0, max);
  } else {
    const exists = new Set(children);
    // Still-existing previous picks stay (in their previous order, so a lower max_count drops the
    // lowest-ranked ones deterministically); the gap is filled by rank from the rest.
    const kept = ranked(seed, (previous ?? []).filter((k, i, a) => exists.has(k) && a.indexOf(k) === i)).slice(0, max);
    const keptSet = new Set(kept);
    const fill = ranked(seed, children.filter((k) => !keptSet.has(k))).slice(0, max - kept.length);
    const chosen = new Set([...kept, ...fill]);
    picked = children.filter((k) => chosen.has(k));
  }
  const prev = previous ?? null;
  const changed = !prev || prev.length !== picked.length || [...prev].sort().join("\n") !== [...picked].sort().join("\n");
  return { selected: picked, changed };
}

export interface PartitionGroup {
  id: number;
  name?: string;
}

/**
 * The split_test group of a learner: the persisted one while it is still a group of the partition,
 * otherwise a stable hash of learner + partition over the groups sorted by id (Open edX's
 * RandomUserPartitionScheme assigns once per partition and keeps it).
 */
export function assignGroup({ groups, previous, seed }: { groups: readonly PartitionGroup[]; previous: number | null; seed: string }): { groupId: number | null; changed: boolean } {
  if (!groups.length) return { groupId: null, changed: previous !== null };
  if (previous !== null && groups.some((g) => g.id === previous)) return { groupId: previous, changed: false };
  const ids = [...new Set(groups.map((g) => g.id))].sort((a, b) => a - b);
  const groupId = ids[stableHash(seed) % ids.length];
  return { groupId, changed: groupId !== previous };
}

/** The block name a locator names: block-v1 `…+block@name`, i4x `i4x://org/course/type/name`, or the name. */
export function locatorName(locator: string): { type: string | null; name: string } {
  const v1 = /type@([^+]+)\+block@([^+/]+)$/.exec(locator.trim());
  if (v1) return { type: v1[1], name: v1[2] };
  const i4x = /^i4x:\/\/[^/]+\/[^/]+\/([^/]+)\/([^/@]+)/.exec(locator.trim());
  if (i4x) return { type: i4x[1], name: i4x[2] };
  return { type: null, name: locator.trim() };
}

function jsonish<T>(v: unknown, fallback: T): T {
  if (typeof v === "string") {
    try {
      return JSON.parse(v) as T;
    } catch {
      return fallback;
    }
  }
  return (v as T) ?? fallback;
}

/** A split_test's group → child map (group_id_to_child, keys as numbers, values as child url_names). */
export function groupChildMap(groupIdToChild: unknown): Map<number, string> {
  const raw = jsonish<Record<string, unknown>>(groupIdToChild, {});
  const out = new Map<number, string>();
  if (!raw || typeof raw !== "object") return out;
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string" && Number.isFinite(Number(k))) out.set(Number(k), locatorName(v).name);
  return out;
}

/** The groups of the course partition a split_test names (course `user_partitions`), else its own map's keys. */
export function partitionGroups(userPartitions: unknown, partitionId: unknown, groupIdToChild: unknown): PartitionGroup[] {
  const list = jsonish<unknown[]>(userPartitions, []);
  const pid = Number(partitionId);
  if (Array.isArray(list)) {
    const p = list.find((x) => x && typeof x === "object" && Number((x as { id?: unknown }).id) === pid) as { groups?: unknown } | undefined;
    if (p && Array.isArray(p.groups)) {
      const groups = p.groups.filter((g): g is { id: unknown; name?: unknown } => !!g && typeof g === "object").map((g) => ({ id: Number(g.id), name: typeof g.name === "string" ? g.name : undefined })).filter((g) => Number.isFinite(g.id));
      if (groups.length) return groups;
    }
  }
  return [...groupChildMap(groupIdToChild).keys()].map((id) => ({ id }));
}

/** A block a conditional names: its type when the locator says it (i4x://, block-v1:), and url_name. */
export interface SourceRef {
  type: string | null;
  name: string;
}

/** What the learner did with one source block. */
export interface SourceState {
  /** a problem: only problems have Open edX's is_attempted / is_submitted / is_correct */
  problem: boolean;
  /** attempts > 0 (is_attempted; a reset keeps it) */
  attempted: boolean;
  /** answered and not reset since (is_submitted) */
  submitted: boolean;
  /** completed (answered, viewed) — an Atrium extension, for any block */
  done: boolean;
  /** answered with full marks (is_correct) */
  correct: boolean;
}

export type ConditionAttr = "attempted" | "submitted" | "done" | "correct";

export interface Condition {
  /** the source blocks (sources_list, or the ";"-separated sources attribute) */
  sources: SourceRef[];
  attr: ConditionAttr;
  value: boolean;
  message: string | null;
  /** old-style <show sources>: blocks shown with the conditional's own children when met */
  show: SourceRef[];
  /** a condition the LMS cannot evaluate (poll_answer, voted): never met */
  unsupported: string | null;
}

const truthy = (v: unknown) => v === true || (typeof v === "string" && ["true", "1", "yes"].includes(v.trim().toLowerCase()));

/** Open edX's ConditionalBlock.conditions_map, in its order: when several are given, the last wins. */
const OPENEDX_CONDITIONS = ["poll_answer", "submitted", "attempted", "correct", "voted"] as const;
/** Atrium's own spellings, read only when none of Open edX's is given. */
const EXTRA_CONDITIONS = ["completed", "done", "is_correct", "is_attempted", "is_submitted", "is_completed"] as const;

function refsOf(v: unknown): SourceRef[] {
  const list = jsonish<unknown>(v, null);
  const raw = Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];
  return raw.flatMap((s) => s.split(";")).map((s) => s.trim()).filter(Boolean).map(locatorName);
}

/**
 * A conditional's condition from its fields: sources_list / sources (";"-separated locators:
 * i4x://org/course/type/name, block-v1:…+type@t+block@name, or a bare url_name), conditional_attr +
 * conditional_value, or an old attribute (submitted / attempted / correct="True"; poll_answer and
 * voted cannot be evaluated), conditional_message or message. Open edX's default is correct="True".
 */
export function conditionOf(fields: Record<string, unknown>): Condition {
  // Open edX reads the sources attribute only when sources_list is empty.
  const listed = refsOf(fields.sources_list);
  const sources = listed.length ? listed : refsOf(fields.sources);
  const norm = (a: string): ConditionAttr | "poll" | null =>
    a === "attempted" || a === "is_attempted" ? "attempted"
      : a === "submitted" || a === "is_submitted" ? "submitted"
        : a === "done" || a === "completed" || a === "is_completed" ? "done"
          : a === "correct" || a === "is_correct" ? "correct"
            : a === "poll_answer" || a === "voted" ? "poll"
              : null;
  let attr: ConditionAttr | "poll" = "correct";
  let value = true;
  const named = typeof fields.conditional_attr === "string" ? norm(fields.conditional_attr.trim()) : null;
  if (named) {
    attr = named;
    value = fields.conditional_value === undefined ? true : truthy(fields.conditional_value);
  } else {
    const given = OPENEDX_CONDITIONS.filter((k) => fields[k] !== undefined);
    const key = given.length ? given[given.length - 1] : EXTRA_CONDITIONS.find((k) => fields[k] !== undefined);
    if (key) {
      attr = norm(key)!;
      value = truthy(fields[key]);
    }
  }
  const msg = fields.conditional_message ?? fields.message;
  const show = refsOf(Array.isArray(fields.show_tag_list) ? fields.show_tag_list.filter((x) => typeof x === "string").join(";") : fields.show_tag_list);
  const unsupported = attr === "poll" ? "It depends on a poll answer, which this site does not record." : null;
  return {
    unsupported,
    sources,
    attr: attr === "poll" ? "correct" : attr,
    value,
    message: typeof msg === "string" && msg.trim() ? msg.replace(/\{link\}/g, "").trim() : null,
    show,
  };
}

/**
 * ConditionalBlock.is_condition_satisfied: every source found meets the condition. Sources that do
 * not exist are skipped (Open edX logs and drops them); with none found the condition is not met.
 * attempted / submitted / correct are problem attributes: any other block never meets them.
 */
export function conditionMet(cond: Condition, stateOf: (source: SourceRef) => SourceState | undefined): boolean {
  if (cond.unsupported) return false;
  const found = cond.sources.map(stateOf).filter((s): s is SourceState => s !== undefined);
  if (found.length === 0) return false;
  return found.every((st) => (cond.attr === "done" || st.problem) && st[cond.attr] === cond.value);
}

/** Persisted choices by choice key: a library pick (child usage keys) or a partition group id. */
export type ChoiceStore = Map<string, string[] | number>;
