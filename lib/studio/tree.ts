// Studio's pure tree logic over a version's block index: content hashes (the revision token),
// publish state (draft / published / changed), settings re-resolution after an edit or a move,
// the outline the Studio page shows, and the rows a partial publish writes. No database, no
// Next.js: every function takes plain rows and returns plain values, so it is tested in ms.
import { createHash, randomBytes } from "node:crypto";
import { resolveSettings } from "@/lib/olx/fields";
import type { OutlineKind, OutlineNode, PublishState } from "./types";

/** The columns of a block row this module reads (a subset of lib/db/schema courseBlocks). */
export interface TreeRow {
  usageKey: string;
  blockType: string;
  urlName: string;
  parentUsageKey: string | null;
  position: number;
  depth: number;
  displayName: string | null;
  settings: Record<string, unknown>;
  fields: Record<string, unknown>;
  definitionHash: string | null;
  contentHash: string | null;
}

/** Settings the importer derives rather than reads (lib/olx/read.ts): a discussion's stable id. */
export function withDerivedSettings(blockType: string, urlName: string, settings: Record<string, unknown>): Record<string, unknown> {
  if (blockType === "discussion" && !settings.discussion_id) settings.discussion_id = createHash("sha1").update(`discussion/${urlName}`).digest("hex").slice(0, 32);
  return settings;
}

export const OUTLINE_KINDS: readonly OutlineKind[] = ["chapter", "sequential", "vertical"];

/** Which block type may live under which (Open edX's course → section → subsection → unit → component). */
export function allowedParentType(childType: string): string {
  switch (childType) {
    case "chapter":
      return "course";
    case "sequential":
      return "chapter";
    case "vertical":
      return "sequential";
    default:
      return "vertical";
  }
}

/** Open edX Studio names new blocks with 32 hex characters (a uuid4 without dashes). */
export function newUrlName(): string {
  return randomBytes(16).toString("hex");
}

export function usageKeyFor(courseKey: string, blockType: string, urlName: string): string {
  const m = /^course-v1:(.+)$/.exec(courseKey);
  if (!m) throw new Error(`not a course key: ${courseKey}`);
  return `block-v1:${m[1]}+type@${blockType}+block@${urlName}`;
}

function stable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stable);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.keys(v as Record<string, unknown>)
        .sort()
        .map((k) => [k, stable((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/**
 * A block's own content as one sha256: type, display name, authored fields, definition and the
 * ordered keys of its children. Not its position or parent (moving a block changes its parents,
 * not itself), not the resolved settings (those follow from the ancestors' own content).
 */
export function contentHashOf(b: Pick<TreeRow, "blockType" | "displayName" | "fields" | "definitionHash">, childKeys: readonly string[]): string {
  const text = JSON.stringify([b.blockType, b.displayName ?? null, stable(b.fields ?? {}), b.definitionHash ?? null, childKeys]);
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Children keys of every parent, in position order. */
export function childrenIndex(rows: readonly Pick<TreeRow, "usageKey" | "parentUsageKey" | "position">[]): Map<string, string[]> {
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  const out = new Map<string, string[]>();
  for (const r of sorted) {
    if (!r.parentUsageKey) continue;
    const list = out.get(r.parentUsageKey);
    if (list) list.push(r.usageKey);
    else out.set(r.parentUsageKey, [r.usageKey]);
  }
  return out;
}

/** Content hash of every row of a version (for rows written before hashes existed, and imports). */
export function computeHashes<T extends Pick<TreeRow, "usageKey" | "parentUsageKey" | "position" | "blockType" | "displayName" | "fields" | "definitionHash">>(
  rows: readonly T[],
): Map<string, string> {
  const kids = childrenIndex(rows);
  const out = new Map<string, string>();
  for (const r of rows) out.set(r.usageKey, contentHashOf(r, kids.get(r.usageKey) ?? []));
  return out;
}

/** Every key in the subtree of `key` (itself first, pre-order). */
export function subtreeKeys(kids: Map<string, string[]>, key: string): string[] {
  const out: string[] = [];
  const stack = [key];
  while (stack.length) {
    const k = stack.pop()!;
    out.push(k);
    const c = kids.get(k);
    if (c) for (let i = c.length - 1; i >= 0; i--) stack.push(c[i]);
  }
  return out;
}

/**
 * Publish state of every draft block: "draft" when the published version has no such block,
 * "changed" when its own content differs or any descendant is not "published", else "published".
 */
export function computeStates(
  draft: readonly Pick<TreeRow, "usageKey" | "parentUsageKey" | "position" | "contentHash">[],
  publishedHashes: ReadonlyMap<string, string | null>,
): Map<string, PublishState> {
  const kids = childrenIndex(draft);
  const hashOf = new Map(draft.map((r) => [r.usageKey, r.contentHash]));
  const out = new Map<string, PublishState>();
  const roots = draft.filter((r) => !r.parentUsageKey).map((r) => r.usageKey);
  // post-order without recursion
  for (const root of roots) {
    const order = subtreeKeys(kids, root);
    for (let i = order.length - 1; i >= 0; i--) {
      const k = order[i];
      let state: PublishState;
      if (!publishedHashes.has(k)) state = "draft";
      else if (publishedHashes.get(k) !== hashOf.get(k)) state = "changed";
      else state = (kids.get(k) ?? []).some((c) => out.get(c) !== "published") ? "changed" : "published";
      out.set(k, state);
    }
  }
  return out;
}

/**
 * Publish states of the outline rows only: own content vs the published hash, components
 * summarized as "this container has a new or changed component" (dirtyContainers).
 */
export function computeOutlineStates(
  rows: readonly Pick<TreeRow & { inPublished: boolean; publishedHash: string | null }, "usageKey" | "parentUsageKey" | "position" | "contentHash" | "inPublished" | "publishedHash">[],
  dirtyContainers: ReadonlySet<string>,
): Map<string, PublishState> {
  const kids = childrenIndex(rows);
  const byKey = new Map(rows.map((r) => [r.usageKey, r]));
  const out = new Map<string, PublishState>();
  for (const root of rows.filter((r) => !r.parentUsageKey || !byKey.has(r.parentUsageKey))) {
    const order = subtreeKeys(kids, root.usageKey);
    for (let i = order.length - 1; i >= 0; i--) {
      const r = byKey.get(order[i])!;
      let state: PublishState;
      if (!r.inPublished) state = "draft";
      else if (r.publishedHash !== r.contentHash || dirtyContainers.has(r.usageKey)) state = "changed";
      else state = (kids.get(r.usageKey) ?? []).some((c) => out.get(c) !== "published") ? "changed" : "published";
      out.set(r.usageKey, state);
    }
  }
  return out;
}

/**
 * Settings of `rootKey`'s subtree re-resolved top-down from the parent's settings (after a move,
 * or after a date/visibility change on a subsection). Returns only rows whose settings change.
 */
export function reresolveSubtree(
  rows: ReadonlyMap<string, Pick<TreeRow, "usageKey" | "fields" | "settings" | "blockType" | "urlName">>,
  kids: Map<string, string[]>,
  rootKey: string,
  parentSettings: Record<string, unknown> | null,
): Map<string, Record<string, unknown>> {
  const changed = new Map<string, Record<string, unknown>>();
  const stack: Array<{ key: string; parent: Record<string, unknown> | null }> = [{ key: rootKey, parent: parentSettings }];
  while (stack.length) {
    const { key, parent } = stack.pop()!;
    const row = rows.get(key);
    if (!row) continue;
    const settings = resolveSettings(parent, row.fields ?? {});
    // Derived settings the importer adds that are not fields (discussion ids) survive the re-resolve.
    for (const [k, v] of Object.entries(row.settings ?? {})) if (!(k in settings) && !(k in (row.fields ?? {})) && !isInheritable(k)) settings[k] = v;
    if (JSON.stringify(stable(settings)) !== JSON.stringify(stable(row.settings ?? {}))) changed.set(key, settings);
    for (const c of kids.get(key) ?? []) stack.push({ key: c, parent: settings });
  }
  return changed;
}

const INHERITABLE = new Set([
  "start", "due", "graceperiod", "showanswer", "show_correctness", "rerandomize", "max_attempts",
  "graded", "visible_to_staff_only", "hide_after_due", "days_early_for_beta", "self_paced",
  "user_partitions", "static_asset_path", "show_reset_button", "giturl", "xqa_key",
  "use_latex_compiler", "matlab_api_key", "course_edit_method", "edxnotes", "video_auto_advance",
  "video_speed_optimizations", "group_access",
]);
function isInheritable(k: string): boolean {
  return INHERITABLE.has(k);
}

/** Whether two settings objects differ in anything children inherit (then the subtree is re-resolved). */
export function inheritedSettingsDiffer(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const k of INHERITABLE) if (JSON.stringify(stable(a?.[k])) !== JSON.stringify(stable(b?.[k]))) return true;
  return false;
}

function iso(v: unknown): string | null {
  if (typeof v !== "string" || !v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export interface OutlineInput {
  /** outline rows (course, chapter, sequential, vertical) of the draft, any order */
  rows: readonly TreeRow[];
  /** usage key → state (computeStates over all draft rows) */
  states: ReadonlyMap<string, PublishState>;
  /** components per unit */
  componentCounts: ReadonlyMap<string, number>;
  rootKey: string;
  now: Date;
}

/** The Studio outline tree: sections → subsections → units with dates, grading and state. */
export function buildStudioOutline(input: OutlineInput): OutlineNode[] {
  const byKey = new Map(input.rows.map((r) => [r.usageKey, r]));
  const kids = childrenIndex(input.rows);
  const nowMs = input.now.getTime();
  const node = (key: string): OutlineNode | null => {
    const r = byKey.get(key);
    if (!r || !OUTLINE_KINDS.includes(r.blockType as OutlineKind)) return null;
    const s = r.settings ?? {};
    const start = iso(s.start);
    const children: OutlineNode[] = [];
    if (r.blockType !== "vertical") for (const c of kids.get(key) ?? []) {
      const n = node(c);
      if (n) children.push(n);
    }
    const format = typeof s.format === "string" && s.format ? s.format : null;
    return {
      usageKey: r.usageKey,
      urlName: r.urlName,
      blockType: r.blockType as OutlineKind,
      displayName: r.displayName ?? defaultName(r.blockType),
      state: input.states.get(key) ?? "draft",
      revision: r.contentHash ?? "",
      start,
      releasedInFuture: start !== null && new Date(start).getTime() > nowMs,
      due: iso(s.due),
      format: r.blockType === "sequential" ? format : null,
      graded: s.graded === true || s.graded === "true",
      visibleToStaffOnly: s.visible_to_staff_only === true || s.visible_to_staff_only === "true",
      componentCount: input.componentCounts.get(key) ?? 0,
      children,
    };
  };
  const out: OutlineNode[] = [];
  for (const c of kids.get(input.rootKey) ?? []) {
    const n = node(c);
    if (n) out.push(n);
  }
  return out;
}

export function defaultName(blockType: string): string {
  switch (blockType) {
    case "chapter":
      return "Section";
    case "sequential":
      return "Subsection";
    case "vertical":
      return "Unit";
    case "html":
      return "Text";
    case "problem":
      return "Problem";
    case "video":
      return "Video";
    case "discussion":
      return "Discussion";
    default:
      return blockType;
  }
}

/** Assignment types ("graded as") of a grading policy's GRADER list. */
export function assignmentTypesOf(policy: Record<string, unknown> | null | undefined): string[] {
  const grader = policy?.GRADER;
  if (!Array.isArray(grader)) return [];
  return grader.map((g) => (g && typeof g === "object" ? (g as { type?: unknown }).type : null)).filter((t): t is string => typeof t === "string" && t !== "");
}

export interface PublishPlan {
  /** published keys NOT copied as they are (replaced or dropped) */
  dropKeys: Set<string>;
  /** rows written from the draft (with positions, depth and settings for the new version) */
  rows: TreeRow[];
}

/**
 * Plans publishing the draft subtree at `key` on top of the published tree: the published subtree
 * is replaced by the draft's, ancestors the published version lacks are brought in, each affected
 * parent's children are the draft's order of whatever the new version holds (published-only
 * children kept after them), and settings of written rows are re-resolved under the new tree.
 */
export function planPartialPublish(draft: readonly TreeRow[], published: readonly TreeRow[], key: string): PublishPlan {
  const dByKey = new Map(draft.map((r) => [r.usageKey, r]));
  const pByKey = new Map(published.map((r) => [r.usageKey, r]));
  const dKids = childrenIndex(draft);
  const pKids = childrenIndex(published);
  if (!dByKey.has(key)) throw new Error(`no draft block ${key}`);

  const newSubtree = subtreeKeys(dKids, key);
  const newSet = new Set(newSubtree);
  const dropKeys = new Set<string>();
  // the old published subtree goes (its blocks may come back from the draft subtree)
  if (pByKey.has(key)) for (const k of subtreeKeys(pKids, key)) dropKeys.add(k);
  // blocks of the draft subtree published elsewhere (moved in the draft) leave their old place
  for (const k of newSubtree) if (pByKey.has(k)) for (const s of subtreeKeys(pKids, k)) dropKeys.add(s);

  // ancestors, nearest first
  const ancestors: string[] = [];
  for (let p = dByKey.get(key)!.parentUsageKey; p; p = dByKey.get(p)?.parentUsageKey ?? null) ancestors.push(p);
  // parents whose child list changes: the draft ancestors, and the old published parents of moved blocks
  const touchedParents = new Set<string>(ancestors);
  for (const k of newSubtree) {
    const pp = pByKey.get(k)?.parentUsageKey;
    if (pp && !newSet.has(pp)) touchedParents.add(pp);
  }
  for (const p of touchedParents) dropKeys.add(p);

  // membership of the new version
  const present = new Set<string>();
  for (const r of published) if (!dropKeys.has(r.usageKey)) present.add(r.usageKey);
  for (const k of newSubtree) present.add(k);
  for (const p of touchedParents) if (pByKey.has(p) || ancestors.includes(p)) present.add(p);

  const childList = (parent: string): string[] => {
    if (newSet.has(parent)) return dKids.get(parent) ?? [];
    const fromDraft = (dKids.get(parent) ?? []).filter((c) => present.has(c));
    const inDraft = new Set(fromDraft);
    const keptPublished = (pKids.get(parent) ?? []).filter((c) => present.has(c) && !inDraft.has(c) && !newSet.has(c));
    return [...fromDraft, ...keptPublished];
  };

  const written = new Map<string, TreeRow>();
  const sourceOf = (k: string): TreeRow => (newSet.has(k) || !pByKey.has(k) ? dByKey.get(k)! : pByKey.get(k)!);
  for (const p of touchedParents) {
    if (!present.has(p)) continue;
    written.set(p, { ...sourceOf(p) });
  }
  for (const k of newSubtree) written.set(k, { ...dByKey.get(k)! });

  // positions + hashes of written parents
  for (const [k, row] of written) {
    const list = childList(k);
    list.forEach((c, i) => {
      const w = written.get(c);
      if (w) {
        w.position = i;
        w.parentUsageKey = k;
      }
    });
    row.contentHash = contentHashOf(row, list);
  }
  // children of touched parents that are copied as they are may need a new position: write them too
  for (const p of touchedParents) {
    if (!present.has(p)) continue;
    childList(p).forEach((c, i) => {
      if (written.has(c)) return;
      const src = pByKey.get(c);
      if (src && src.position !== i) {
        written.set(c, { ...src, position: i });
        dropKeys.add(c);
      }
    });
  }
  // depth + settings top-down from the nearest unchanged published ancestor
  const settingsOf = (k: string | null): Record<string, unknown> | null => {
    if (!k) return null;
    return written.get(k)?.settings ?? pByKey.get(k)?.settings ?? dByKey.get(k)?.settings ?? null;
  };
  const depthOf = (k: string | null): number => (k ? (written.get(k)?.depth ?? pByKey.get(k)?.depth ?? dByKey.get(k)?.depth ?? 0) : -1);
  const order = [...ancestors].reverse().concat(newSubtree);
  for (const k of order) {
    const row = written.get(k);
    if (!row) continue;
    row.depth = depthOf(row.parentUsageKey) + 1;
    const resolved = resolveSettings(settingsOf(row.parentUsageKey), row.fields ?? {});
    for (const [sk, sv] of Object.entries(row.settings ?? {})) if (!(sk in resolved) && !(sk in (row.fields ?? {})) && !isInheritable(sk)) resolved[sk] = sv;
    row.settings = resolved;
  }
  return { dropKeys, rows: [...written.values()] };
}
