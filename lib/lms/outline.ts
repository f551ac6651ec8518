// The course outline as learners see it: a tree built from a version's block index (sections →
// subsections → units → components), the visibility rules that hide unreleased and staff-only
// content, and the flat unit order that previous/next walk. Pure: no database, no Next.js.

import type { LearnerContent } from "./learner-content";
import { selectLibraryChildren } from "./selection";

export interface BlockRow {
  usageKey: string;
  blockType: string;
  urlName: string;
  parentUsageKey: string | null;
  position: number;
  displayName: string | null;
  settings: Record<string, unknown>;
  definitionHash: string | null;
  unsupportedReason: string | null;
}

export interface OutlineNode {
  usageKey: string;
  type: string;
  urlName: string;
  displayName: string;
  /** release date (ISO) after inheritance, or null */
  start: string | null;
  due: string | null;
  graded: boolean;
  /** assignment type (GRADER type) named by the subsection's format */
  format: string | null;
  staffOnly: boolean;
  /** restricted to content groups (learners are in none here) */
  groupRestricted: boolean;
  hideFromToc: boolean;
  settings: Record<string, unknown>;
  definitionHash: string | null;
  unsupportedReason: string | null;
  children: OutlineNode[];
}

export interface Outline {
  root: OutlineNode;
  /** usage key → node, for every block */
  byKey: Map<string, OutlineNode>;
  /** usage key → parent usage key */
  parentOf: Map<string, string>;
}

/** Containers whose children render inline inside a unit (library copies, wrappers, experiments). */
const INLINE_CONTAINERS = new Set(["library_content", "wrapper", "itembank", "split_test"]);
/** Blocks that sit between sequential and vertical in legacy courses but still hold units. */
const SUBSECTION_TYPES = new Set(["sequential", "videosequence"]);
const SECTION_TYPES = new Set(["chapter", "section"]);

function str(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v : null;
}

function truthy(v: unknown): boolean {
  return v === true || v === "true" || v === "True" || v === 1;
}

function hasGroupAccess(v: unknown): boolean {
  let value = v;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return false;
    }
  }
  if (!value || typeof value !== "object") return false;
  return Object.values(value as Record<string, unknown>).some((g) => Array.isArray(g) && g.length > 0);
}

function toNode(row: BlockRow): OutlineNode {
  const s = row.settings ?? {};
  return {
    usageKey: row.usageKey,
    type: row.blockType,
    urlName: row.urlName,
    displayName: row.displayName ?? str(s.display_name) ?? defaultName(row.blockType),
    start: str(s.start),
    due: str(s.due),
    graded: truthy(s.graded),
    format: str(s.format),
    staffOnly: truthy(s.visible_to_staff_only),
    groupRestricted: hasGroupAccess(s.group_access),
    hideFromToc: truthy(s.hide_from_toc),
    settings: s,
    definitionHash: row.definitionHash,
    unsupportedReason: row.unsupportedReason,
    children: [],
  };
}

function defaultName(type: string): string {
  switch (type) {
    case "chapter":
      return "Section";
    case "sequential":
      return "Subsection";
    case "vertical":
      return "Unit";
    default:
      return type;
  }
}

/** Builds the tree from a version's rows; the root is the block without a parent (the course). */
export function buildOutline(rows: readonly BlockRow[]): Outline {
  const byKey = new Map<string, OutlineNode>();
  const parentOf = new Map<string, string>();
  const ordered = [...rows].sort((a, b) => a.position - b.position);
  for (const r of ordered) byKey.set(r.usageKey, toNode(r));
  let root: OutlineNode | null = null;
  for (const r of ordered) {
    const node = byKey.get(r.usageKey)!;
    const parent = r.parentUsageKey ? byKey.get(r.parentUsageKey) : undefined;
    if (parent) {
      parent.children.push(node);
      parentOf.set(r.usageKey, parent.usageKey);
    } else if (r.blockType === "course" || !root) {
      root = node;
    }
  }
  if (!root) throw new Error("course version has no root block");
  return { root, byKey, parentOf };
}

export interface Viewer {
  /** staff see unreleased and staff-only content (unless viewing as a learner) */
  staff: boolean;
  now: Date;
  /** the learner's library picks, split_test groups and conditional outcomes (lib/lms/learner-content.ts) */
  content?: LearnerContent;
}

/** Parses an OLX date; a missing zone means UTC. */
export function parseOlxDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const v = value.trim();
  if (!v) return null;
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(v);
  const d = new Date(hasZone || !/T/.test(v) ? v : `${v}Z`);
  if (Number.isNaN(d.getTime())) return null;
  if (!hasZone && !/T/.test(v)) return new Date(`${v}T00:00:00Z`);
  return d;
}

/** parseOlxDate as milliseconds, remembered per string: walks ask it for every block of a course on every request. */
function olxTime(value: string | null | undefined): number | null {
  if (!value) return null;
  let t = olxTimes.get(value);
  if (t === undefined) {
    t = parseOlxDate(value)?.getTime() ?? null;
    if (olxTimes.size >= 4096) olxTimes.clear(); // a course has a handful of distinct dates
    olxTimes.set(value, t);
  }
  return t;
}
const olxTimes = new Map<string, number | null>();

/** Is this block visible to this viewer? (the block's own settings; ancestors are checked by the walk) */
export function isVisible(node: OutlineNode, viewer: Viewer): boolean {
  if (viewer.staff) return true;
  if (node.staffOnly || node.groupRestricted) return false;
  const start = olxTime(node.start);
  if (start !== null && start > viewer.now.getTime()) return false;
  return true;
}

/** Does anything in this unit depend on the learner's choices (a library's picks, a split_test's group, a conditional's outcome)? */
export function holdsLearnerChoices(unit: OutlineNode): boolean {
  const stack = [unit];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === "conditional" || INLINE_CONTAINERS.has(n.type)) return true;
    stack.push(...n.children);
  }
  return false;
}

export interface UnitRef {
  section: OutlineNode;
  subsection: OutlineNode;
  unit: OutlineNode;
  /** 0-based index among the subsection's visible units */
  index: number;
}

export interface LearnerView {
  sections: { node: OutlineNode; subsections: { node: OutlineNode; units: OutlineNode[] }[] }[];
  /** all visible units in course order (previous/next walk this) */
  units: UnitRef[];
}

/** Units of a subsection: its vertical children; a leaf placed straight under it counts as its own unit. */
function unitsOf(subsection: OutlineNode): OutlineNode[] {
  return subsection.children;
}

/** Subsections of a section: sequentials, or legacy blocks sitting directly under the chapter. */
function subsectionsOf(section: OutlineNode): OutlineNode[] {
  return section.children.filter((c) => SUBSECTION_TYPES.has(c.type) || !SECTION_TYPES.has(c.type));
}

/** The visible part of the outline for a viewer, with the flat unit order. */
export function learnerView(outline: Outline, viewer: Viewer): LearnerView {
  const view: LearnerView = { sections: [], units: [] };
  for (const section of outline.root.children) {
    if (!isVisible(section, viewer)) continue;
    const subs: LearnerView["sections"][number]["subsections"] = [];
    for (const sub of subsectionsOf(section)) {
      if (!isVisible(sub, viewer)) continue;
      const units = unitsOf(sub).filter((u) => isVisible(u, viewer));
      units.forEach((unit, index) => view.units.push({ section, subsection: sub, unit, index }));
      subs.push({ node: sub, units });
    }
    view.sections.push({ node: section, subsections: subs });
  }
  return view;
}

/** The components of a unit in render order, expanding inline containers (library_content). */
export function componentsOf(unit: OutlineNode, viewer: Viewer): OutlineNode[] {
  if (unit.type !== "vertical" && unit.children.length === 0) return isVisible(unit, viewer) ? [unit] : [];
  const out: OutlineNode[] = [];
  // Conditionals being expanded: a <show> that names one of them again (directly or in a loop) adds nothing.
  const expanding = new Set<string>();
  const walk = (nodes: OutlineNode[]) => {
    for (const n of nodes) {
      if (!isVisible(n, viewer)) continue;
      if (n.type === "conditional") {
        const outcome = viewer.content?.conditional.get(n.usageKey);
        // Met: its content shows in its place; not met (or unknown): the conditional itself, whose
        // component shows the message.
        if (outcome?.met) {
          if (expanding.has(n.usageKey)) continue;
          expanding.add(n.usageKey);
          walk(outcome.show);
          expanding.delete(n.usageKey);
        } else out.push(n);
      } else if (INLINE_CONTAINERS.has(n.type)) {
        walk(innerChildren(n, viewer));
      } else if (n.type === "vertical") {
        // A unit inside a unit (split_test groups hold verticals): its components, inline.
        walk(n.children);
      } else {
        out.push(n);
      }
    }
  };
  // A split_test, library or conditional placed straight under a subsection is its own unit.
  walk(INLINE_CONTAINERS.has(unit.type) || unit.type === "conditional" ? [unit] : unit.children);
  return out;
}

/** The children of an inline container this viewer sees: the learner's library pick or split_test group. */
function innerChildren(n: OutlineNode, viewer: Viewer): OutlineNode[] {
  const chosen = viewer.content?.library.get(n.usageKey) ?? viewer.content?.split.get(n.usageKey);
  if (chosen) {
    const set = new Set(chosen);
    return n.children.filter((c) => set.has(c.usageKey));
  }
  if (n.type === "split_test") return viewer.staff ? n.children : [];
  if (n.type === "library_content" || n.type === "itembank") {
    // No learner (staff preview): the first max_count children.
    const sel = selectLibraryChildren({ children: n.children.map((c) => c.usageKey), maxCount: n.settings.max_count, mode: "fixed", previous: null, seed: "" });
    const set = new Set(sel.selected);
    return n.children.filter((c) => set.has(c.usageKey));
  }
  return n.children;
}

/**
 * Every usage key a viewer of this view may see: its units and everything visible under them,
 * whatever a learner's library picks, split_test group or conditional outcome (the view is per
 * audience, not per learner). Computed once per view object: getLearnerView keeps one per version,
 * audience and release epoch, the moments visibility can change.
 */
export function visibleKeysOf(view: LearnerView, viewer: Viewer): ReadonlySet<string> {
  let keys = visibleKeysByView.get(view);
  if (!keys) {
    keys = new Set<string>();
    const stack: OutlineNode[] = [];
    for (const u of view.units) {
      keys.add(u.unit.usageKey);
      stack.push(...u.unit.children);
    }
    while (stack.length) {
      const n = stack.pop()!;
      if (!isVisible(n, viewer)) continue;
      keys.add(n.usageKey);
      stack.push(...n.children);
    }
    visibleKeysByView.set(view, keys);
  }
  return keys;
}
const visibleKeysByView = new WeakMap<LearnerView, Set<string>>();

/** Finds a visible unit by subsection and unit url_name. */
export function findUnit(view: LearnerView, subsectionUrlName: string, unitUrlName: string): { ref: UnitRef; position: number } | null {
  const position = view.units.findIndex((u) => u.subsection.urlName === subsectionUrlName && u.unit.urlName === unitUrlName);
  return position === -1 ? null : { ref: view.units[position], position };
}

/** Previous and next units across subsection and section boundaries. */
export function neighbours(view: LearnerView, position: number): { prev: UnitRef | null; next: UnitRef | null } {
  return { prev: view.units[position - 1] ?? null, next: view.units[position + 1] ?? null };
}

/** The unit that contains a block (the block itself if it is a unit), by walking up. */
export function unitKeyOf(outline: Outline, usageKey: string): string | null {
  let key: string | undefined = usageKey;
  while (key) {
    const node = outline.byKey.get(key);
    const parentKey = outline.parentOf.get(key);
    const parent = parentKey ? outline.byKey.get(parentKey) : undefined;
    if (node && parent && SUBSECTION_TYPES.has(parent.type)) return node.usageKey;
    key = parentKey;
  }
  return null;
}

/** Every leaf (component) key per unit, for completion: a unit is complete when all its components are. */
export function leafKeys(unit: OutlineNode, viewer: Viewer): string[] {
  return componentsOf(unit, viewer).map((c) => c.usageKey);
}

export type UnitKind = "video" | "problem" | "html" | "discussion" | "other";

/** The icon a unit gets in the sequence bar: problem beats video beats text. The unit page passes
 *  the audience's viewer (no learner picks): a library counts its whole pool, a split_test the
 *  groups the viewer may see, a conditional is "other". */
export function unitKind(unit: OutlineNode, viewer: Viewer): UnitKind {
  const types = new Set(componentsOf(unit, viewer).map((c) => c.type));
  if (types.has("problem")) return "problem";
  if (types.has("video")) return "video";
  if (types.has("html")) return "html";
  if (types.has("discussion")) return "discussion";
  return "other";
}

/**
 * What the view's unit usage keys have in common before their url_name
 * ("block-v1:Org+Course+Run+type@vertical+block@"), taken from its first unit; "" when it has none.
 * Lets the course home's islands receive a unit's url_name alone and rebuild its key as prefix +
 * url_name; a unit whose key is not that is sent with its key.
 */
export function unitKeyPrefix(view: LearnerView): string {
  const u = view.units[0]?.unit;
  return u && u.usageKey.endsWith(`@${u.urlName}`) ? u.usageKey.slice(0, u.usageKey.length - u.urlName.length) : "";
}
