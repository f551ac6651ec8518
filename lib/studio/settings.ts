// Studio's course settings pages (Schedule & details, Grading, Advanced settings): loaders and
// writes on the course's working copy. Everything is stored where Open edX keeps it, so export
// writes it: the course block's fields (start, end, enrollment_start, enrollment_end, self_paced,
// course_image, language, graceperiod and the advanced policy keys), the about/* documents
// (short_description, overview, effort, video) and the version's grading_policy.json.
// Callers (server actions, pages) authorize first.
import "server-only";
import { getContentStore } from "@/lib/content";
import {
  deleteDraftDocument,
  getDraftBlock,
  getDraftInfo,
  getGradingFacts,
  listDraftAssets,
  listVersionDocuments,
  putDraftDocument,
  setDraftGradingPolicy,
  updateDraftBlock,
  withDraft,
  type DraftCtx,
} from "@/lib/db/queries/studio";
import { listJobsByCourse } from "@/lib/db/queries/jobs";
import { AppError } from "@/lib/errors";
import { advancedKeysFor, applyAdvancedSettings, type AdvancedKey } from "./advanced-settings";
import { introVideoHtml, youtubeIdOfVideoHtml } from "./course-details";
import { buildGradingPolicy, gradingFormOf, gradingPolicyChanged, type GradingForm } from "./grading-settings";
import { REGRADE_JOB_KIND } from "./regrade";

type Who = { courseId: number; userId: number };

export interface CourseDetailsData {
  courseKey: string;
  displayName: string;
  start: string | null;
  end: string | null;
  enrollmentStart: string | null;
  enrollmentEnd: string | null;
  selfPaced: boolean;
  shortDescription: string;
  overview: string;
  effort: string;
  /** YouTube id, "" for none */
  introVideo: string;
  language: string;
  courseImage: string;
  /** image files of the working copy, for the picker */
  images: string[];
  /** the draft differs from what learners see */
  hasDraft: boolean;
}

const ABOUT = {
  shortDescription: "about/short_description.html",
  overview: "about/overview.html",
  effort: "about/effort.html",
  video: "about/video.html",
} as const;

function str(v: unknown): string {
  return typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
}

function isoOrNull(v: unknown): string | null {
  if (typeof v !== "string" || !v) return null;
  const d = new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(v) || !v.includes("T") ? v : `${v}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

async function rootOf(courseId: number) {
  const info = await getDraftInfo({ courseId });
  const root = await getDraftBlock({ versionId: info.versionId, usageKey: info.rootUsageKey });
  if (!root) throw new AppError("not_found:block", "The course block is missing.");
  return { info, root };
}

async function docTexts(versionId: number, paths: string[]): Promise<Map<string, string>> {
  const docs = await listVersionDocuments({ versionId });
  const out = new Map<string, string>();
  for (const d of docs) {
    if (!paths.includes(d.path)) continue;
    try {
      out.set(d.path, await getContentStore().getText(d.hash));
    } catch {
      // a missing blob reads as empty
    }
  }
  return out;
}

export async function getCourseDetails({ courseId }: { courseId: number }): Promise<CourseDetailsData> {
  const { info, root } = await rootOf(courseId);
  const f = root.settings ?? {};
  const [texts, assets] = await Promise.all([docTexts(info.versionId, Object.values(ABOUT)), listDraftAssets({ versionId: info.versionId })]);
  return {
    courseKey: info.course.courseKey,
    displayName: root.displayName ?? info.course.displayName,
    start: isoOrNull(f.start),
    end: isoOrNull(f.end),
    enrollmentStart: isoOrNull(f.enrollment_start),
    enrollmentEnd: isoOrNull(f.enrollment_end),
    selfPaced: f.self_paced === true || f.self_paced === "true",
    shortDescription: texts.get(ABOUT.shortDescription) ?? "",
    overview: texts.get(ABOUT.overview) ?? "",
    effort: (texts.get(ABOUT.effort) ?? "").replace(/<[^>]*>/g, "").trim(),
    introVideo: youtubeIdOfVideoHtml(texts.get(ABOUT.video) ?? null) ?? "",
    language: str(f.language),
    courseImage: str(f.course_image),
    images: assets.filter((a) => a.contentType.startsWith("image/")).map((a) => a.path),
    hasDraft: info.course.draftVersionId !== null && info.course.draftVersionId !== info.course.publishedVersionId,
  };
}

/** What the Schedule & details form saves: the page's data without what is only shown, and a start that is required. */
export type CourseDetailsInput = Omit<CourseDetailsData, "courseKey" | "displayName" | "images" | "hasDraft" | "start"> & { start: string };

async function putDoc(d: DraftCtx, path: string, text: string): Promise<void> {
  if (!text.trim()) {
    await deleteDraftDocument(d, path);
    return;
  }
  const info = await getContentStore().put(text, { courseKey: d.courseKey, kind: "document", contentType: "text/html; charset=utf-8" });
  await putDraftDocument(d, { path, kind: "about", hash: info.hash, size: info.size });
}

/** Writes the schedule and details to the working copy (the caller validated the values). */
export async function updateCourseDetails(w: Who & CourseDetailsInput): Promise<{ revision: string }> {
  return withDraft({ courseId: w.courseId, authorId: w.userId }, async (d) => {
    const v = d.versionId;
    const info = await getDraftInfo({ courseId: w.courseId, db: d.tx });
    const root = await getDraftBlock({ versionId: v, usageKey: info.rootUsageKey, db: d.tx });
    if (!root) throw new AppError("not_found:block", "The course block is missing.");
    if (w.courseImage) {
      const assets = await listDraftAssets({ versionId: v, db: d.tx });
      if (!assets.some((a) => a.path === w.courseImage)) {
        throw new AppError("invalid:input", "That image is not among the course's files.", { fieldErrors: { courseImage: "Upload the image first, then choose it." } });
      }
    }
    const fields: Record<string, unknown> = { ...root.fields };
    const set = (k: string, val: unknown) => {
      if (val === null || val === undefined || val === "") delete fields[k];
      else fields[k] = val;
    };
    set("start", w.start);
    set("end", w.end);
    set("enrollment_start", w.enrollmentStart);
    set("enrollment_end", w.enrollmentEnd);
    // written when on, or when the course already says it (an unset self_paced means instructor-paced)
    if (w.selfPaced || "self_paced" in fields) fields.self_paced = w.selfPaced;
    set("course_image", w.courseImage);
    set("language", w.language);
    await putDoc(d, ABOUT.shortDescription, w.shortDescription);
    await putDoc(d, ABOUT.overview, w.overview);
    await putDoc(d, ABOUT.effort, w.effort);
    await putDoc(d, ABOUT.video, w.introVideo ? introVideoHtml(w.introVideo) : "");
    const { revision } = await updateDraftBlock(d, info.rootUsageKey, { fields });
    return { revision };
  });
}

// ─── Grading ────────────────────────────────────────────────────────────────────────────────

export interface RegradeJobSummary {
  id: number;
  status: string;
  done: number;
  total: number;
}

export interface GradingData {
  form: GradingForm;
  latestRegrade: RegradeJobSummary | null;
}

export async function getGradingSettings({ courseId }: { courseId: number }): Promise<GradingData> {
  const { info, root } = await rootOf(courseId);
  const jobs = await listJobsByCourse({ courseKey: info.course.courseKey, limit: 20 });
  const job = jobs.find((j) => j.kind === REGRADE_JOB_KIND) ?? null;
  return {
    form: gradingFormOf(info.gradingPolicy, root.fields?.graceperiod ?? root.settings?.graceperiod),
    latestRegrade: job ? { id: job.id, status: job.status, done: Number(job.progress?.done ?? 0), total: Number(job.progress?.total ?? 0) } : null,
  };
}

export async function updateGradingPolicy(w: Who & { form: GradingForm }): Promise<{ revision: string }> {
  return withDraft({ courseId: w.courseId, authorId: w.userId }, async (d) => {
    const info = await getDraftInfo({ courseId: w.courseId, db: d.tx });
    const built = buildGradingPolicy(w.form, info.gradingPolicy);
    if (!built.ok) throw new AppError("invalid:input", built.errors._form ?? "Please correct the highlighted fields.", { fieldErrors: built.errors });
    await setDraftGradingPolicy(d, built.policy);
    const root = await getDraftBlock({ versionId: d.versionId, usageKey: info.rootUsageKey, db: d.tx });
    if (!root) throw new AppError("not_found:block", "The course block is missing.");
    const fields: Record<string, unknown> = { ...root.fields };
    if (built.graceperiod) fields.graceperiod = built.graceperiod;
    else delete fields.graceperiod;
    const { revision } = await updateDraftBlock(d, info.rootUsageKey, { fields });
    return { revision };
  });
}

// ─── Advanced settings ──────────────────────────────────────────────────────────────────────

export interface AdvancedData {
  settings: Array<{ key: string; text: string; def: AdvancedKey | null }>;
}

export async function getAdvancedSettings({ courseId }: { courseId: number }): Promise<AdvancedData> {
  const { root } = await rootOf(courseId);
  return { settings: advancedKeysFor(root.fields ?? {}) };
}

/** Applies the edited keys to the course block (all or nothing) and re-resolves inherited settings. */
export async function updateAdvancedSettings(w: Who & { edits: Record<string, string> }): Promise<{ changed: string[] }> {
  return withDraft({ courseId: w.courseId, authorId: w.userId }, async (d) => {
    const info = await getDraftInfo({ courseId: w.courseId, db: d.tx });
    const root = await getDraftBlock({ versionId: d.versionId, usageKey: info.rootUsageKey, db: d.tx });
    if (!root) throw new AppError("not_found:block", "The course block is missing.");
    const r = applyAdvancedSettings(root.fields ?? {}, w.edits);
    if (!r.ok) throw new AppError("invalid:input", "Some settings were refused; nothing was saved.", { fieldErrors: r.errors });
    if (!r.changed.length) return { changed: [] };
    const displayName = typeof r.fields.display_name === "string" ? r.fields.display_name : undefined;
    // updateDraftBlock re-resolves the inherited settings (max_attempts, showanswer …) below the course when they change.
    await updateDraftBlock(d, info.rootUsageKey, displayName ? { displayName, fields: r.fields } : { fields: r.fields });
    return { changed: r.changed };
  });
}

// ─── Draft vs published ─────────────────────────────────────────────────────────────────────

/** Whether the working copy's course settings (course block, about documents, grading policy) differ from what learners see. */
export async function courseSettingsUnpublished({ courseId }: { courseId: number }): Promise<boolean> {
  const info = await getDraftInfo({ courseId });
  const pubId = info.course.publishedVersionId;
  if (!pubId) return true;
  if (info.versionId === pubId) return false;
  const [draftRoot, pubRoot, draftDocs, pubDocs, pub] = await Promise.all([
    getDraftBlock({ versionId: info.versionId, usageKey: info.rootUsageKey }),
    getDraftBlock({ versionId: pubId, usageKey: info.rootUsageKey }),
    listVersionDocuments({ versionId: info.versionId }),
    listVersionDocuments({ versionId: pubId }),
    getGradingFacts({ versionId: pubId }).then((f) => f.gradingPolicy),
  ]);
  const fieldsOf = (r: typeof draftRoot) => JSON.stringify(Object.entries(r?.fields ?? {}).sort(([a], [b]) => a.localeCompare(b)));
  const about = (docs: Array<{ path: string; hash: string }>) => JSON.stringify(docs.filter((d) => d.path.startsWith("about/")).map((d) => [d.path, d.hash]).sort());
  return fieldsOf(draftRoot) !== fieldsOf(pubRoot) || about(draftDocs) !== about(pubDocs) || gradingPolicyChanged(info.gradingPolicy, pub);
}
