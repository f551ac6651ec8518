// The in-memory model of an OLX course after lib/olx has read and resolved it, and what the
// exporter serializes back. lib/olx is pure: no database, no content store, no Next.js.
// Changes to these types must be additive (other modules build on them).

export interface OlxBlock {
  /** OLX tag: course, chapter, sequential, vertical, html, problem, video, library_content, ... */
  type: string;
  /** url_name (":" kept as authored; the file path uses subfolders) */
  urlName: string;
  /** The block's own attributes/fields as authored, after policy.json overrides
   *  (excluding url_name and the children). Values are strings as in XML, or JSON values from policy. */
  fields: Record<string, unknown>;
  /** Settings after inheritance (start, due, graded, format, visible_to_staff_only, group_access,
   *  days_early_for_beta, graceperiod, showanswer, rerandomize, max_attempts, ...): what the LMS reads. */
  settings: Record<string, unknown>;
  children: OlxBlock[];
  /** Leaf definition: the XML of problem/video/unknown blocks, the HTML body of html blocks. */
  definition?: string;
  /** Where it was read from (for messages). */
  sourcePath?: string;
  /** From drafts/: kept as draft content, never published. */
  isDraft?: boolean;
  /** Set when the LMS cannot run this block; learners see an "unsupported" notice with this reason. */
  unsupportedReason?: string;
}

export interface OlxAsset {
  /** path under static/ (forward slashes) */
  path: string;
  size: number;
  contentType: string;
  locked: boolean;
  /** Bytes of the file. For a course read from an export this reads the file on each use: stream `file` instead. */
  data: Buffer;
  /** Where the bytes are on disk when they were not read into memory (read from an export). */
  file?: string;
}

export interface OlxDocument {
  /** path in the export: about/overview.html, info/updates.html, tabs/x.html, policies/assets.json, ... */
  path: string;
  kind: "about" | "info" | "tab" | "policy" | "other";
  /** Bytes of the file (read from `file` on each use when that is set). */
  data: Buffer;
  /** Where the bytes are on disk when they were not read into memory (read from an export). */
  file?: string;
}

export interface OlxCourse {
  org: string;
  course: string;
  run: string;
  /** course-v1:Org+Course+Run */
  courseKey: string;
  /** the course block; its settings hold course-wide policy (start, end, enrollment dates, ...) */
  root: OlxBlock;
  /** blocks from drafts/ (their parents are named by fields.parent_url / settings) */
  drafts: OlxBlock[];
  /** policies/<run>/grading_policy.json */
  gradingPolicy: Record<string, unknown> | null;
  /** attributes of the course.xml pointer (url_name, org, course) and anything the exporter needs */
  meta: Record<string, unknown>;
  assets: OlxAsset[];
  documents: OlxDocument[];
  warnings: string[];
  /** Legacy forms read the way Open edX reads them (a `<section>` under a chapter, `<abtest>` groups,
   *  a pointer whose file has another root tag, `<image>`-style custom tags): not problems. */
  notes?: string[];
  /** Set by readOlx: removes the temporary files an archive's assets were read into. */
  dispose?: () => Promise<void>;
}

/** Errors carry the file (and line where known) so the CLI can name them. */
export class OlxError extends Error {
  constructor(message: string, readonly file?: string, readonly line?: number) {
    super(file ? `${file}${line ? `:${line}` : ""}: ${message}` : message);
    this.name = "OlxError";
  }
}

/** `block-v1:Org+Course+Run+type@T+block@NAME` */
export function usageKey(course: Pick<OlxCourse, "org" | "course" | "run">, type: string, urlName: string): string {
  return `block-v1:${course.org}+${course.course}+${course.run}+type@${type}+block@${urlName}`;
}

export function courseKeyOf(org: string, course: string, run: string): string {
  return `course-v1:${org}+${course}+${run}`;
}
