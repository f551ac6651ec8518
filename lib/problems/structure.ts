// What grading needs to know about a published course version: its subsections in course order,
// each with its scorable problems (weight, explicit graded flag, raw max score). A version is
// immutable, so the structure is cached per version id; problem definitions are cached by hash.
import "server-only";
import { analyzeProblem, renderProblem } from "@/lib/capa";
import { getContentStore } from "@/lib/content";
import { listVersionBlocks, type BlockRow } from "@/lib/db/queries/problems";
import { parseWeight } from "@/lib/grading";

export interface GradedProblem {
  usageKey: string;
  urlName: string;
  displayName: string;
  weight: number | null;
  /** the problem's own graded field (default true) */
  graded: boolean;
  /** raw max score; null when the problem cannot be graded here (it then counts for nothing) */
  maxScore: number | null;
  unsupportedReason: string | null;
  /** inside a library_content block: that block and which of its children holds this problem
   *  (the learner's pick decides whether it counts: lib/lms/selection.ts) */
  library?: { key: string; child: string };
}

export interface LibraryInfo {
  children: string[];
  maxCount: unknown;
  mode: unknown;
}

export interface SubsectionInfo {
  usageKey: string;
  displayName: string;
  chapterKey: string | null;
  chapterName: string | null;
  format: string | null;
  graded: boolean;
  due: string | null;
  problems: GradedProblem[];
}

export interface CourseStructure {
  versionId: number;
  subsections: SubsectionInfo[];
  /** every scorable problem by usage key */
  problems: Map<string, GradedProblem & { subsectionKey: string; definitionHash: string | null }>;
  /** library_content blocks by usage key: their children, max_count and mode */
  libraries: Map<string, LibraryInfo>;
}

function truthy(v: unknown): boolean {
  return v === true || (typeof v === "string" && v.trim().toLowerCase() === "true");
}

const LIBRARY_CONTAINERS = new Set(["library_content", "itembank"]);

const defCache = new Map<string, { xml: string; maxScore: number | null; unsupported: string | null }>();
const DEF_CACHE_MAX = 5000;

/** A problem definition from the content store, with its analysis (cached by content hash). */
export async function loadProblemDefinition(hash: string): Promise<{ xml: string; maxScore: number | null; unsupported: string | null }> {
  const hit = defCache.get(hash);
  if (hit) return hit;
  const xml = await getContentStore().getText(hash);
  const entry = analyzeDefinition(xml);
  if (defCache.size >= DEF_CACHE_MAX) defCache.delete(defCache.keys().next().value as string);
  defCache.set(hash, entry);
  return entry;
}

/** Support and raw max score of a problem's XML. */
export function analyzeDefinition(xml: string): { xml: string; maxScore: number | null; unsupported: string | null } {
  try {
    const analysis = analyzeProblem(xml);
    if (!analysis.supported) return { xml, maxScore: null, unsupported: analysis.reason ?? "This problem type isn't supported here." };
    const model = renderProblem(xml, { problemId: "1", seed: 1 });
    return { xml, maxScore: model.possible, unsupported: null };
  } catch (err) {
    return { xml, maxScore: null, unsupported: `This problem could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
}

const structureCache = new Map<number, Promise<CourseStructure>>();

/** The grading structure of a published version (cached: versions never change). */
export function getCourseStructure({ versionId }: { versionId: number }): Promise<CourseStructure> {
  let p = structureCache.get(versionId);
  if (!p) {
    p = buildStructure(versionId).catch((err) => {
      structureCache.delete(versionId);
      throw err;
    });
    if (structureCache.size > 50) structureCache.delete(structureCache.keys().next().value as number);
    structureCache.set(versionId, p);
  }
  return p;
}

async function buildStructure(versionId: number): Promise<CourseStructure> {
  const blocks = await listVersionBlocks({ versionId });
  const children = new Map<string | null, BlockRow[]>();
  for (const b of blocks) {
    const list = children.get(b.parentUsageKey) ?? [];
    list.push(b);
    children.set(b.parentUsageKey, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position);

  const subsections: SubsectionInfo[] = [];
  const problems: CourseStructure["problems"] = new Map();
  const hidden = (b: BlockRow) => truthy(b.settings.visible_to_staff_only);

  const libraries = new Map<string, LibraryInfo>();
  async function collectProblems(parent: BlockRow, out: GradedProblem[], subsectionKey: string, library?: { key: string; child: string }) {
    const kids = children.get(parent.usageKey) ?? [];
    // A library block shows each learner max_count of its children (their own pick, the same the
    // unit page renders): every child is listed here, tagged, and the learner's grade counts only
    // the picked ones (learner-grades.ts).
    const isLibrary = LIBRARY_CONTAINERS.has(parent.blockType);
    if (isLibrary) libraries.set(parent.usageKey, { children: kids.map((k) => k.usageKey), maxCount: parent.settings.max_count, mode: parent.settings.mode });
    for (const c of kids) {
      const tag = isLibrary ? { key: parent.usageKey, child: c.usageKey } : library;
      if (hidden(c)) continue;
      if (c.blockType === "problem") {
        let maxScore: number | null = null;
        let unsupported: string | null = c.unsupportedReason ?? null;
        if (!unsupported && c.definitionHash) {
          const def = await loadProblemDefinition(c.definitionHash);
          maxScore = def.maxScore;
          unsupported = def.unsupported;
        } else if (!c.definitionHash) unsupported ??= "This problem has no definition.";
        const p: GradedProblem = {
          usageKey: c.usageKey,
          urlName: c.urlName,
          displayName: c.displayName ?? (typeof c.settings.display_name === "string" ? c.settings.display_name : c.urlName),
          weight: parseWeight(c.settings.weight),
          graded: c.fields.graded === undefined ? true : truthy(c.fields.graded),
          maxScore: unsupported ? null : maxScore,
          unsupportedReason: unsupported,
        };
        if (tag) p.library = tag;
        out.push(p);
        problems.set(c.usageKey, { ...p, subsectionKey, definitionHash: c.definitionHash });
      } else {
        await collectProblems(c, out, subsectionKey, tag);
      }
    }
  }

  const root = blocks.find((b) => b.blockType === "course" && b.parentUsageKey === null) ?? blocks.find((b) => b.depth === 0);
  async function walk(node: BlockRow, chapter: BlockRow | null) {
    for (const c of children.get(node.usageKey) ?? []) {
      if (hidden(c)) continue;
      if (c.blockType === "sequential") {
        const probs: GradedProblem[] = [];
        await collectProblems(c, probs, c.usageKey);
        subsections.push({
          usageKey: c.usageKey,
          displayName: c.displayName ?? c.urlName,
          chapterKey: chapter?.usageKey ?? null,
          chapterName: chapter?.displayName ?? null,
          format: typeof c.settings.format === "string" && c.settings.format.trim() ? c.settings.format : null,
          graded: truthy(c.settings.graded),
          due: typeof c.settings.due === "string" ? c.settings.due : null,
          problems: probs,
        });
      } else {
        await walk(c, c.blockType === "chapter" ? c : chapter);
      }
    }
  }
  if (root) await walk(root, null);
  return { versionId, subsections, problems, libraries };
}
