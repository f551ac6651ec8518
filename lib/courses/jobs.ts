// Imports as jobs. The instance that received the upload runs the job in-process, but all of its
// state (stage, filesRead, blocksWritten, total, heartbeat, result or error) lives in the jobs
// row, so any instance can draw the progress bar. The new version only becomes visible when the
// import's transaction commits, i.e. when the job succeeds.
import "server-only";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { canCourse, canGlobal, type Actor } from "@/lib/auth/permissions";
import { getContentStore } from "@/lib/content";
import { claimJob, createJob, failStaleJobs, finishJob, getJob, heartbeatJob, updateJobProgress, type JobRow } from "@/lib/db/queries/jobs";
import { getUserById } from "@/lib/db/queries/users";
import { getCourseByKey, getVersion, listCourseRoles } from "@/lib/db/queries/courses";
import { cloneCourse, type ClonedCourse } from "./git";
import type { GitSource } from "./git-source";
import { ImportError, importCourse, type ImportOptions, type ImportProgress } from "./import";

export interface ImportJobPayload {
  archivePath?: string;
  blobHash?: string;
  /** original file name of an upload (shown in Studio) */
  fileName?: string;
  ownerUsername?: string;
  /** re-import from a course page: the archive must be this course */
  expectedCourseKey?: string;
  /** a course from a Git repository: cloned (again) when the job runs */
  git?: GitSource;
  /** write nothing when the published version already has exactly this content (ImportOptions.skipUnchanged) */
  skipUnchanged?: boolean;
}

/** What a Git import recorded: the source and the commit it imported. */
export interface GitImportInfo extends GitSource {
  commit: string;
}

export interface ImportJobView {
  id: number;
  status: JobRow["status"];
  courseKey: string | null;
  progress: ImportProgress & { percent: number };
  result: Record<string, unknown> | null;
  error: string | null;
  fileName: string | null;
  /** the repository of a Git import (the commit once cloned, in `result.git`) */
  git: GitSource | null;
  createdAt: string;
  finishedAt: string | null;
  createdBy: number | null;
}

const PROGRESS_EVERY_MS = 300;
const HEARTBEAT_EVERY_MS = 5_000;

/** Creates an import job and starts it in this process. `done` settles when the job has finished. */
export async function startImportJob(
  opts: ImportJobPayload & { userId: number | null; testHooks?: ImportOptions["testHooks"] },
): Promise<{ jobId: number; done: Promise<void> }> {
  if ([opts.archivePath, opts.blobHash, opts.git].filter(Boolean).length !== 1) throw new Error("startImportJob needs exactly one of archivePath, blobHash or git");
  const payload: ImportJobPayload = {
    archivePath: opts.archivePath,
    blobHash: opts.blobHash,
    fileName: opts.fileName,
    ownerUsername: opts.ownerUsername,
    expectedCourseKey: opts.expectedCourseKey,
    git: opts.git,
    ...(opts.skipUnchanged ? { skipUnchanged: true } : {}),
  };
  const jobId = await createJob({
    kind: "import",
    payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown>,
    createdBy: opts.userId,
    courseKey: opts.expectedCourseKey ?? null,
  });
  const done = runImportJob({ jobId, testHooks: opts.testHooks }).catch((err: unknown) => {
    // runImportJob records failures itself; this only catches a failure to record one.
    console.error(`[atrium] import job ${jobId} could not record its outcome`, err);
  });
  return { jobId, done };
}

async function actorFor(userId: number): Promise<Actor> {
  const u = await getUserById({ id: userId });
  if (!u) return { userId: null, isActive: false, isAdmin: false, canCreateCourses: false };
  return { userId: u.id, isActive: u.isActive, isAdmin: u.isAdmin, canCreateCourses: u.canCreateCourses };
}

/** Runs a queued import job to completion (claims it first, so it runs once). */
export async function runImportJob({ jobId, testHooks }: { jobId: number; testHooks?: ImportOptions["testHooks"] }): Promise<void> {
  if (!(await claimJob({ id: jobId }))) return;
  const job = (await getJob({ id: jobId }))!;
  const payload = (job.payload ?? {}) as ImportJobPayload;
  let latest: ImportProgress = { stage: "reading", filesRead: 0, blocksWritten: 0, total: 0 };
  let courseKey: string | undefined;
  let lastWrite = 0;
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    lastWrite = Date.now();
    const snapshot = { ...latest };
    writing = writing.then(() => updateJobProgress({ id: jobId, progress: { ...snapshot }, courseKey }).catch(() => undefined));
  };
  const beat = setInterval(() => void heartbeatJob({ id: jobId }).catch(() => undefined), HEARTBEAT_EVERY_MS);
  beat.unref();
  let tempFile: string | null = null;
  let cloned: ClonedCourse | null = null;
  try {
    let source = payload.archivePath;
    let git: GitImportInfo | null = null;
    if (payload.git) {
      latest = { ...latest, stage: "cloning" };
      flush();
      cloned = await cloneCourse(payload.git);
      source = cloned.dir;
      git = { ...cloned.source, commit: cloned.commit };
      // Re-importing the commit the course already has would only make an identical version.
      const unchanged = payload.expectedCourseKey ? await sameCommitAsPublished(payload.expectedCourseKey, git) : null;
      if (unchanged) {
        await writing;
        await finishJob({
          id: jobId,
          status: "succeeded",
          courseKey: payload.expectedCourseKey,
          progress: { ...latest, stage: "done" },
          result: { courseKey: payload.expectedCourseKey, versionId: unchanged.versionId, unchanged: true, git: { ...git }, blocks: {}, warnings: [] },
        });
        return;
      }
    } else if (!source) {
      // readOlx reads paths; an uploaded blob is streamed to a private temp file first.
      tempFile = path.join(tmpdir(), `atrium-import-${jobId}-${randomBytes(6).toString("hex")}.tar.gz`);
      await pipeline(await getContentStore().get(payload.blobHash!), createWriteStream(tempFile, { flags: "wx", mode: 0o600 }));
      source = tempFile;
    }
    const actor = job.createdBy !== null ? await actorFor(job.createdBy) : null;
    const result = await importCourse({
      source,
      ownerUsername: payload.ownerUsername,
      createdBy: job.createdBy,
      testHooks,
      skipUnchanged: payload.skipUnchanged === true,
      versionMeta: git ? { git: { ...git } } : undefined,
      onProgress: (p) => {
        latest = p;
        if (Date.now() - lastWrite >= PROGRESS_EVERY_MS || p.stage !== "writing") flush();
      },
      authorize: async ({ courseKey: key, existing, tx }) => {
        courseKey = key;
        if (payload.expectedCourseKey && payload.expectedCourseKey !== key) {
          throw new ImportError("invalid:course-key", `This archive is the course ${key}, not ${payload.expectedCourseKey}. Re-import needs an export of the same course.`);
        }
        if (!actor) return; // command-line imports run as the operator
        if (existing) {
          const roles = await listCourseRoles({ userId: actor.userId!, courseId: existing.id, db: tx });
          if (!canCourse(actor, "studio:import-course", { roles, enrolled: false, catalogVisibility: existing.catalogVisibility })) {
            throw new ImportError("forbidden:course", `You are not on the course team of ${key}, so you cannot import over it.`);
          }
        } else if (!canGlobal(actor, "studio:create-course")) {
          throw new ImportError("forbidden:course", `You may not create new courses (${key} does not exist yet).`);
        }
      },
    });
    await writing;
    await finishJob({
      id: jobId,
      status: "succeeded",
      courseKey: result.courseKey,
      progress: { ...latest, stage: "done" },
      result: {
        courseKey: result.courseKey,
        versionId: result.versionId,
        draftVersionId: result.draftVersionId,
        ...(result.unchanged ? { unchanged: true } : {}),
        blocks: result.blocks,
        warnings: result.warnings,
        ...(git ? { git: { ...git } } : {}),
      },
    });
  } catch (err) {
    await writing;
    let message = err instanceof Error ? err.message : String(err);
    // An upload is read from a private temp file; name the file the user chose instead.
    if (tempFile) message = message.split(tempFile).join(payload.fileName ?? "the uploaded file");
    await finishJob({ id: jobId, status: "failed", error: message.slice(0, 60_000), progress: { ...latest }, courseKey });
  } finally {
    clearInterval(beat);
    if (tempFile) await rm(tempFile, { force: true });
    if (cloned) await cloned.dispose();
  }
}

/** The Git source recorded on a version's meta, if it came from Git. */
export function gitInfoOf(meta: unknown): GitImportInfo | null {
  const g = (meta as { git?: Partial<GitImportInfo> } | null)?.git;
  if (!g || typeof g.url !== "string" || typeof g.commit !== "string") return null;
  return { url: g.url, ref: typeof g.ref === "string" ? g.ref : "", folder: typeof g.folder === "string" ? g.folder : "", commit: g.commit };
}

/** The published version, when it was imported from this very repository, ref, folder and commit. */
async function sameCommitAsPublished(courseKey: string, git: GitImportInfo): Promise<{ versionId: number } | null> {
  const course = await getCourseByKey({ courseKey });
  if (!course?.publishedVersionId) return null;
  const version = await getVersion({ id: course.publishedVersionId });
  const had = gitInfoOf(version?.meta);
  if (!had || had.url !== git.url || had.ref !== git.ref || had.folder !== git.folder || had.commit !== git.commit) return null;
  return { versionId: course.publishedVersionId };
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/** The job as the progress bar needs it (any instance; stale running jobs are reported failed). */
export async function getImportJobView({ jobId }: { jobId: number }): Promise<ImportJobView | null> {
  let job = await getJob({ id: jobId });
  if (!job || job.kind !== "import") return null;
  if (job.status === "running" && (await failStaleJobs()) > 0) job = (await getJob({ id: jobId }))!;
  const p = (job.progress ?? {}) as Partial<ImportProgress>;
  const progress: ImportProgress = {
    stage: (p.stage as ImportProgress["stage"]) ?? "reading",
    filesRead: Number(p.filesRead ?? 0),
    blocksWritten: Number(p.blocksWritten ?? 0),
    total: Number(p.total ?? 0),
  };
  // Reading is roughly the first third of the work, storing the next, writing the last.
  const percent =
    job.status === "succeeded"
      ? 100
      : progress.stage === "writing" && progress.total > 0
        ? 60 + Math.round((40 * progress.blocksWritten) / progress.total)
        : progress.stage === "storing"
          ? 40
          : progress.stage === "done"
            ? 100
            : progress.stage === "cloning"
              ? 2
            : progress.filesRead > 0
              ? Math.min(35, 5 + Math.round(Math.log10(progress.filesRead + 1) * 8))
              : 0;
  return {
    id: job.id,
    status: job.status,
    courseKey: job.courseKey,
    progress: { ...progress, percent },
    result: job.result ?? null,
    error: job.error ?? null,
    fileName: ((job.payload ?? {}) as ImportJobPayload).fileName ?? null,
    git: ((job.payload ?? {}) as ImportJobPayload).git ?? null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: iso(job.finishedAt),
    createdBy: job.createdBy,
  };
}
