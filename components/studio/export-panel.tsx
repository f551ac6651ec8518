"use client";
// Export as a job: the server builds the .tar.gz into the content store while this panel polls the
// job row (any instance answers); when it ends, a download link. The job id goes into the URL
// (?job=ID) so a reload keeps it.
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button, ButtonAnchor, Notice, useActionCall } from "@/components/ui";
import { startExportAction } from "@/lib/actions/studio/start-export-action";
import styles from "./studio.module.css";

type ExportJob = {
  id: number;
  status: "queued" | "running" | "succeeded" | "failed";
  progress: { stage: string; percent: number };
  result: { size: number; fileName: string; versionId: number; downloadUrl: string } | null;
  error: string | null;
};

const STAGE_TEXT: Record<string, string> = { queued: "Waiting to start", building: "Building the archive", storing: "Storing the archive", done: "Ready", failed: "Failed" };

async function fetchJob(jobId: number): Promise<ExportJob> {
  const res = await fetch(`/api/studio/jobs/${jobId}`, { cache: "no-store" });
  const body = (await res.json()) as unknown;
  if (!res.ok) throw new Error((body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`);
  return body as ExportJob;
}

const size = (n: number) => (n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export function ExportPanel({ courseKey, initialJobId = null }: { courseKey: string; initialJobId?: number | null }) {
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const [jobId, setJobId] = useState<number | null>(initialJobId);
  const { run, pending, error } = useActionCall();
  const job = useQuery({
    queryKey: ["export-job", jobId],
    queryFn: () => fetchJob(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === "succeeded" || q.state.data.status === "failed") ? false : 700),
  });
  const data = job.data;
  const busy = pending || (data !== undefined && (data.status === "queued" || data.status === "running")) || (jobId !== null && !data && !job.error);
  const percent = data?.progress.percent ?? 0;
  return (
    <div>
      <Button
        disabled={busy}
        onClick={() =>
          run(
            () => startExportAction({ courseKey }),
            (d) => {
              setJobId(d.jobId);
              router.replace(`${pathname}?job=${d.jobId}`, { scroll: false });
            },
          )
        }
      >
        {busy ? "Exporting…" : "Export course content"}
      </Button>
      {error ? (
        <Notice tone="error" title="Could not start the export" live>
          <p>{error}</p>
        </Notice>
      ) : null}
      {jobId !== null ? (
        <section aria-label="Export progress" style={{ marginTop: "1.25rem" }}>
          <div className={styles.progressLabel}>
            <span id={`${id}-stage`}>{data ? (data.status === "failed" ? "Failed" : (STAGE_TEXT[data.progress.stage] ?? data.progress.stage)) : "Starting…"}</span>
          </div>
          <progress className={styles.progress} max={100} value={percent} aria-labelledby={`${id}-stage`} aria-valuetext={`${percent}%`} />
          {job.error ? (
            <Notice tone="error" title="Could not read the export status" live>
              <p>{job.error.message}</p>
            </Notice>
          ) : null}
          {data?.status === "failed" ? (
            <Notice tone="error" title="Export failed" live>
              <p className={styles.mono}>{data.error}</p>
            </Notice>
          ) : null}
          {data?.status === "succeeded" && data.result ? (
            <Notice tone="success" title="Export ready" live>
              <p>
                Version {data.result.versionId}, {size(data.result.size)}.
              </p>
              <ButtonAnchor href={data.result.downloadUrl} download={data.result.fileName}>
                Download {data.result.fileName}
              </ButtonAnchor>
            </Notice>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
