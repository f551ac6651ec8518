// A course's forum policy and topics, derived from a published course version (PURE: no
// database, no Next.js). Open edX keeps these in the course block's advanced settings:
// `discussion_topics` ({"General": {"id": "course"}}: course-wide topics), `discussion_blackouts`
// ([["start", "end"], …]: read-only periods), `allow_anonymous` and `allow_anonymous_to_peers`;
// and each inline `discussion` block adds one topic (its `discussion_id`), grouped by its
// `discussion_category` and named by its `discussion_target`. Nothing here is stored: a publish
// changes the topics for every reader at once, and the version's outline is cached per version id.
import { componentsOf, learnerView, parseOlxDate, type LearnerView, type Outline, type OutlineNode, type Viewer } from "@/lib/lms/outline";

export interface ForumTopic {
  /** stable id stored on threads: the discussion block's discussion_id, or the policy's "id" */
  id: string;
  name: string;
  /** the group it is listed under: "Course-wide" or the block's discussion_category */
  category: string;
  /** inline topics: where the discussion block lives (for a "go to the unit" link) */
  unit?: { subsection: string; unit: string; usageKey: string; displayName: string };
}

export interface ForumPolicy {
  allowAnonymous: boolean;
  allowAnonymousToPeers: boolean;
  /** read-only periods, [start, end) in ms */
  blackouts: { start: number; end: number }[];
}

export const COURSE_WIDE_CATEGORY = "Course-wide discussions";

const truthy = (v: unknown) => v === true || v === "true" || v === "True";
const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

function parseJson(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
}

/** The forum policy from the course block's settings. Malformed blackout entries are skipped. */
export function forumPolicyOf(courseSettings: Record<string, unknown>): ForumPolicy {
  const blackouts: ForumPolicy["blackouts"] = [];
  const raw = parseJson(courseSettings.discussion_blackouts);
  if (Array.isArray(raw)) {
    for (const pair of raw) {
      if (!Array.isArray(pair) || pair.length !== 2) continue;
      const [s, e] = pair.map((d) => (typeof d === "string" ? parseOlxDate(d) : null));
      if (s && e && e.getTime() > s.getTime()) blackouts.push({ start: s.getTime(), end: e.getTime() });
    }
  }
  return { allowAnonymous: truthy(courseSettings.allow_anonymous), allowAnonymousToPeers: truthy(courseSettings.allow_anonymous_to_peers), blackouts };
}

/** Is the forum read-only for learners at `now` (a blackout period from the course policy)? */
export function inBlackout(policy: ForumPolicy, now: Date): boolean {
  const t = now.getTime();
  return policy.blackouts.some((b) => t >= b.start && t < b.end);
}

/** The topic id of an inline discussion block: its discussion_id, else its url_name (imported blocks without one). */
export function topicIdOfBlock(node: OutlineNode): string {
  return str(node.settings.discussion_id) ?? node.urlName;
}

/**
 * The topics a viewer may see, in course order: the course-wide topics of the policy (sorted by
 * name, as Open edX lists them), then one per discussion block the viewer can see (an unreleased
 * or staff-only unit's discussion is not listed to learners and takes no posts from them).
 * `view`: the viewer's learner view when the caller has it cached (lib/db/queries/courseware getLearnerView).
 */
export function forumTopics(outline: Outline, viewer: Viewer, view: LearnerView = learnerView(outline, viewer)): ForumTopic[] {
  const topics: ForumTopic[] = [];
  const seen = new Set<string>();
  const policy = parseJson(outline.root.settings.discussion_topics);
  if (policy && typeof policy === "object" && !Array.isArray(policy)) {
    for (const [name, v] of Object.entries(policy as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) {
      const id = v && typeof v === "object" ? str((v as { id?: unknown }).id) : null;
      if (!id || seen.has(id)) continue;
      seen.add(id);
      topics.push({ id, name, category: COURSE_WIDE_CATEGORY });
    }
  }
  for (const ref of view.units) {
    const stack = componentsOf(ref.unit, viewer);
    for (const node of stack) {
      if (node.type !== "discussion") continue;
      const id = topicIdOfBlock(node);
      if (seen.has(id)) continue;
      seen.add(id);
      topics.push({
        id,
        name: str(node.settings.discussion_target) ?? node.displayName,
        category: str(node.settings.discussion_category) ?? ref.subsection.displayName,
        unit: { subsection: ref.subsection.urlName, unit: ref.unit.urlName, usageKey: ref.unit.usageKey, displayName: ref.unit.displayName },
      });
    }
  }
  return topics;
}

/** Topics grouped by category, in first-seen order (course-wide first). */
export function groupTopics(topics: readonly ForumTopic[]): { category: string; topics: ForumTopic[] }[] {
  const groups = new Map<string, ForumTopic[]>();
  for (const t of topics) groups.set(t.category, [...(groups.get(t.category) ?? []), t]);
  return [...groups].map(([category, list]) => ({ category, topics: list }));
}
