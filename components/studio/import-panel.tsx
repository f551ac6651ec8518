"use client";
// Upload a course export (.tar.gz), or name a Git repository, and follow the import job. The file
// is sent as the request body (streamed into the content store by the route); a Git source goes
// to a server action that clones it in the job. Progress comes from polling the job row, so it
// works whichever server instance runs the job; the job id goes into the URL (?job=ID), so a
// reload (or another tab) keeps following the same import.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button, Field, FormStatus, Notice, useActionForm } from "@/components/ui";
import { importFromGitAction } from "@/lib/actions/studio/import-from-git-action";
import styles from "./studio.module.css";

export interface GitDefaults {
  url: string;
  ref: string;
  folder: string;
  /** the commit the course's published version came from */
  commit?: string;
}

type GitResult = { url: string; ref: string; folder: string; commit: string };

type JobView = {
  id: number;
  status: "queued" | "running" | "succeeded" | "failed";
  courseKey: string | null;
  progress: { stage: string; filesRead: number; blocksWritten: number; total: number; percent: number };
  result: { courseKey?: string; versionId?: number; blocks?: Record<string, number>; warnings?: string[]; unchanged?: boolean; git?: GitResult } | null;
  error: string | null;
  fileName: string | null;
  git: { url: string; ref: string; folder: string } | null;
};

const STAGE_TEXT: Record<string, string> = {
  queued: "Waiting to start",
  cloning: "Cloning the repository",
  reading: "Reading the archive",
  storing: "Storing files",
  writing: "Writing the course",
  done: "Finished",
};

async function fetchJob(jobId: number): Promise<JobView> {
  const res = await fetch(`/api/studio/jobs/${jobId}`, { cache: "no-store" });
  const body = (await res.json()) as unknown;
  if (!res.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message;
    throw new Error(message ?? `HTTP ${res.status}`);
  }
  return body as JobView;
}

export function ImportPanel({
  courseKey,
  initialJobId = null,
  git,
}: {
  courseKey?: string;
  initialJobId?: number | null;
  /** show the "From a Git repository" form, prefilled with these values */
  git?: GitDefaults | null;
}) {
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const router = useRouter();
  const pathname = usePathname();
  const [jobId, setJobIdState] = useState<number | null>(initialJobId);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const setJobId = (id: number) => {
    setJobIdState(id);
    router.replace(`${pathname}?job=${id}`, { scroll: false });
  };
  const gitForm = useActionForm(importFromGitAction, { onSuccess: (data) => setJobId(data.jobId) });

  const job = useQuery({
    queryKey: ["import-job", jobId],
    queryFn: () => fetchJob(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === "succeeded" || q.state.data.status === "failed") ? false : 700),
  });

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    setUploadError(null);
    if (!file) {
      setUploadError("Choose a .tar.gz course export first.");
      return;
    }
    setUploading(true);
    try {
      const params = new URLSearchParams({ name: file.name });
      if (courseKey) params.set("courseKey", courseKey);
      const res = await fetch(`/api/studio/import?${params}`, { method: "POST", body: file, headers: { "content-type": "application/gzip" } });
      const body = (await res.json()) as { jobId?: number; error?: { message: string } };
      if (!res.ok || !body.jobId) throw new Error(body.error?.message ?? `Upload failed (HTTP ${res.status})`);
      setJobId(body.jobId);
    } catch (err) {
      setUploadError(err instanceof Error ? err.message : String(err));
    } finally {
      setUploading(false);
    }
  }

  const data = job.data;
  const busy = uploading || gitForm.pending || (data !== undefined && (data.status === "queued" || data.status === "running"));
  const percent = data?.status === "succeeded" ? 100 : (data?.progress.percent ?? 0);

  return (
    <div>
      <form onSubmit={onSubmit} aria-describedby={`${inputId}-hint`}>
        <p>
          <label htmlFor={inputId}>{courseKey ? "New export of this course (.tar.gz)" : "Course export (.tar.gz)"}</label>
        </p>
        <p id={`${inputId}-hint`}>An Open edX course export (Studio → Tools → Export), as a .tar.gz file.</p>
        <p>
          <input id={inputId} ref={fileRef} className={styles.fileInput} type="file" name="archive" accept=".tar.gz,.tgz,application/gzip,application/x-gzip" disabled={busy} />
        </p>
        <Button type="submit" disabled={busy}>
          {uploading ? "Uploading…" : courseKey ? "Re-import" : "Import"}
        </Button>
      </form>

      {git !== undefined ? (
        <form onSubmit={gitForm.onSubmit} aria-labelledby={`${inputId}-git`} noValidate style={{ marginTop: "1.5rem" }}>
          <h3 id={`${inputId}-git`}>From a Git repository</h3>
          <p>
            The repository is cloned on the server at the branch or tag you name; the folder is the one holding <code>course.xml</code>.
            {courseKey ? " Importing again clones the repository again: a new commit becomes a new version." : null}
          </p>
          {git?.commit ? (
            <p>
              The published version came from commit <span className={styles.mono}>{git.commit.slice(0, 12)}</span>.
            </p>
          ) : null}
          <FormStatus state={gitForm.result && !gitForm.result.ok ? gitForm.result : null} />
          {courseKey ? <input type="hidden" name="courseKey" value={courseKey} /> : null}
          <Field
            label="Repository URL"
            name="url"
            required
            maxLength={1000}
            defaultValue={git?.url ?? ""}
            placeholder="https://github.com/org/course.git"
            hint="https://, ssh:// or git@host:path. Access to private repositories is set up by the site's operator."
            error={gitForm.fieldError("url")}
            disabled={busy}
          />
          <div className={styles.keyParts}>
            <Field label="Branch or tag" name="ref" maxLength={255} defaultValue={git?.ref ?? ""} placeholder="main" hint="Empty: the default branch." error={gitForm.fieldError("ref")} disabled={busy} />
            <Field label="Folder in the repository" name="folder" maxLength={500} defaultValue={git?.folder ?? ""} placeholder="e.g. course" hint="Empty: the repository root." error={gitForm.fieldError("folder")} disabled={busy} />
          </div>
          <Button type="submit" disabled={busy}>
            {gitForm.pending ? "Starting…" : courseKey ? "Re-import from Git" : "Clone from Git"}
          </Button>
        </form>
      ) : null}

      {uploadError ? (
        <Notice tone="error" title="Upload failed" live>
          <p>{uploadError}</p>
        </Notice>
      ) : null}

      {jobId !== null ? (
        <section aria-label="Import progress" style={{ marginTop: "1.25rem" }}>
          <div className={styles.progressLabel}>
            <span id={`${inputId}-stage`}>
              {data ? (data.status === "failed" ? "Failed" : (STAGE_TEXT[data.progress.stage] ?? data.progress.stage)) : "Starting…"}
            </span>
            <span>
              {data ? `${data.progress.filesRead} files read · ${data.progress.blocksWritten}/${data.progress.total || "?"} blocks written` : null}
            </span>
          </div>
          <progress className={styles.progress} max={100} value={percent} aria-labelledby={`${inputId}-stage`} aria-valuetext={`${percent}%`} />
          {job.error ? (
            <Notice tone="error" title="Could not read the import status" live>
              <p>{job.error.message}</p>
            </Notice>
          ) : null}
          {data?.status === "failed" ? (
            <Notice tone="error" title="Import failed" live>
              <p className={styles.mono}>{data.error}</p>
              <p>Nothing was changed: the course keeps its previous version.</p>
            </Notice>
          ) : null}
          {data?.git ? (
            <p>
              Repository <span className={styles.mono}>{data.git.url}</span>
              {data.git.ref ? (
                <>
                  {" "}
                  at <span className={styles.mono}>{data.git.ref}</span>
                </>
              ) : null}
              {data.git.folder ? (
                <>
                  , folder <span className={styles.mono}>{data.git.folder}</span>
                </>
              ) : null}
              {data.result?.git ? (
                <>
                  , commit <span className={styles.mono} data-testid="git-commit">{data.result.git.commit.slice(0, 12)}</span>
                </>
              ) : null}
            </p>
          ) : null}
          {data?.status === "succeeded" && data.result?.unchanged ? (
            <Notice tone="info" title="Already up to date" live>
              <p>
                The repository is still at commit <span className={styles.mono}>{data.result.git?.commit.slice(0, 12)}</span>, which is the published version {data.result.versionId}. No new
                version was made.
              </p>
            </Notice>
          ) : null}
          {data?.status === "succeeded" && data.result && !data.result.unchanged ? (
            <Notice tone="success" title="Import finished" live>
              <p>
                Imported{" "}
                <Link href={`/studio/courses/${encodeURIComponent(data.result.courseKey ?? "")}`}>{data.result.courseKey}</Link> as version{" "}
                {data.result.versionId}.
              </p>
              <ul className={styles.counts} aria-label="Blocks by type">
                {Object.entries(data.result.blocks ?? {}).map(([type, n]) => (
                  <li key={type}>
                    {type}: {n}
                  </li>
                ))}
              </ul>
              {data.result.warnings?.length ? (
                <details>
                  <summary>{data.result.warnings.length} warning(s)</summary>
                  <ul className={styles.warnings}>
                    {data.result.warnings.map((w, i) => (
                      <li key={i}>{w}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </Notice>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
