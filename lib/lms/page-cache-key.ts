// What decides whether a learner page's HTML can be shared, and under which key (the page cache,
// lib/lms/page-cache.ts). A shared page depends only on the course version, the course row, the
// audience (learner, staff, staff viewing as a learner), how many release dates have passed and
// the path — never on one learner. Pure: no database, no Next.js.
import type { SharedPage } from "@/lib/db/queries/courseware";
import { parseOlxDate, type Outline, type OutlineNode } from "@/lib/lms/outline";
import { safeDecode } from "@/lib/lms/urls";

export type CoursePagePath =
  | { kind: "home"; courseKey: string }
  | { kind: "unit"; courseKey: string; subsection: string; unit: string };

/** `/courses/<key>` and `/courses/<key>/learn/<subsection>/<unit>`, decoded; null for any other path. */
export function parseCoursePagePath(pathname: string): CoursePagePath | null {
  const m = /^\/courses\/([^/]+)(?:\/learn\/([^/]+)\/([^/]+))?\/?$/.exec(pathname);
  if (!m) return null;
  const courseKey = safeDecode(m[1]);
  if (!courseKey) return null;
  if (m[2] === undefined) return { kind: "home", courseKey };
  const subsection = safeDecode(m[2]);
  const unit = safeDecode(m[3]);
  return subsection && unit ? { kind: "unit", courseKey, subsection, unit } : null;
}

/**
 * What the router asks for: a browser's document, or a client navigation's Flight (RSC) data. The
 * Flight answer depends on the layouts the client already has (`next-router-state-tree`) and on
 * `next-url`, so those are part of its key.
 */
export type RequestKind = "document" | "flight";

/**
 * Which course home or unit request the page cache may answer: a browser's plain GET (no query
 * string), or a client navigation's Flight GET (`rsc: 1`, only the router's `_rsc` in the query;
 * not a prefetch, whose partial answer differs, nor a server action). Anything else goes to Next.
 */
export function cacheableRequest({ method, pathname, query, headers: h }: { method: string; pathname: string; query: URLSearchParams; headers: Pick<Headers, "get" | "has"> }): RequestKind | null {
  if (method !== "GET" || parseCoursePagePath(pathname) === null) return null;
  if (h.has("next-router-prefetch") || h.has("next-router-segment-prefetch") || h.has("next-action")) return null;
  const keys = [...query.keys()];
  if (h.get("rsc") === "1") return keys.every((k) => k === "_rsc") ? "flight" : null;
  if (h.has("rsc") || h.has("next-router-state-tree") || keys.length > 0) return null;
  return "document";
}

/** Component types whose rendering depends on the version alone. Problems are shared too: the page
 *  carries what every learner sees of them, and the rest (state, and a render that differs per
 *  learner) comes from the state route; library_content (picks), split_test (groups) and
 *  conditional (outcomes) are the learner's own. */
export const SHARED_COMPONENT_TYPES: ReadonlySet<string> = new Set(["html", "video", "discussion"]);

/** The types components/lms/unit-component.tsx renders itself, plus the personal containers. Any
 *  other type (an XBlock Atrium cannot display: openassessment, lti, poll, drag-and-drop-v2…) is
 *  shown as a notice built from the version's block alone, the same for everyone. A type that
 *  UnitComponent learns to render must be listed here (and in SHARED_COMPONENT_TYPES if it reads
 *  nothing of the learner). */
export const RENDERED_COMPONENT_TYPES: ReadonlySet<string> = new Set(["html", "video", "discussion", "problem", "conditional", "library_content", "itembank", "wrapper", "split_test", "vertical"]);

/** Is a block rendered from the version alone (problems aside: see isSharedUnit)? */
const rendersFromVersion = (type: string) => SHARED_COMPONENT_TYPES.has(type) || !RENDERED_COMPONENT_TYPES.has(type);

/**
 * Can this unit's HTML be shared by every learner of its audience? Every block under it must be of
 * a shared type. Problems are: the page carries only what every learner sees of them, and a problem
 * whose rendering differs per learner reaches each learner with their state (ProblemBlock).
 */
export function isSharedUnit(unit: OutlineNode): boolean {
  const stack = [...unit.children];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "problem") continue; // its children are its own (responses, hints), never blocks the page renders
    if (!rendersFromVersion(node.type)) return false;
    stack.push(...node.children);
  }
  return true;
}

export type Audience = "learner" | "staff" | "staff-as-learner";

export function audienceOf({ isStaff, viewingAsLearner }: { isStaff: boolean; viewingAsLearner: boolean }): Audience {
  return !isStaff ? "learner" : viewingAsLearner ? "staff-as-learner" : "staff";
}

const thresholdsOf = new WeakMap<Outline, number[]>();

/** The version's distinct release dates (ms), ascending (cached per outline object). */
export function releaseDates(outline: Outline): number[] {
  let dates = thresholdsOf.get(outline);
  if (!dates) {
    const set = new Set<number>();
    for (const node of outline.byKey.values()) {
      const t = parseOlxDate(node.start)?.getTime();
      if (t !== undefined) set.add(t);
    }
    dates = [...set].sort((a, b) => a - b);
    thresholdsOf.set(outline, dates);
  }
  return dates;
}

/** How many of the release dates have passed at `now`: what a learner sees changes exactly when this does. */
export function releaseEpoch(dates: readonly number[], now: number): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] <= now) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface PageKeyParts {
  courseId: number;
  versionId: number;
  /** a digest of the course row (name, number, dates…: the course settings are not in the version) */
  courseDigest: string;
  audience: Audience;
  /** staff see everything whatever the date, so their epoch is always 0 */
  epoch: number;
  pathname: string;
}

export function pageCacheKey(p: PageKeyParts): string {
  return [p.courseId, p.versionId, p.courseDigest, p.audience, p.audience === "staff" ? 0 : p.epoch, p.pathname].join("|");
}

/** The page as bytes once, with where its placeholder nonce sits (ASCII: one byte a character). */
export function sharedPageOf(html: string, nonce: string): SharedPage {
  const body = Buffer.from(html, "utf8");
  const needle = Buffer.from(nonce, "latin1");
  const nonceOffsets: number[] = [];
  for (let i = body.indexOf(needle); i >= 0; i = body.indexOf(needle, i + needle.length)) nonceOffsets.push(i);
  return { body, nonce, nonceOffsets };
}

/** The page with this answer's nonce: a copy of the bytes with the nonce written over the placeholder. */
export function withNonce(page: SharedPage, nonce: string): Uint8Array<ArrayBuffer> {
  if (nonce.length !== page.nonce.length || !/^[\x21-\x7e]+$/.test(nonce)) {
    return new Uint8Array(Buffer.from(page.body.toString("utf8").replaceAll(page.nonce, nonce), "utf8"));
  }
  const out = Buffer.from(new ArrayBuffer(page.body.length));
  page.body.copy(out);
  for (const at of page.nonceOffsets) out.write(nonce, at, "latin1");
  return new Uint8Array(out.buffer as ArrayBuffer);
}
