"use client";
// The moderation queue (course staff and community TAs): open reports, oldest first, each with
// the reported text and who reported it; dismiss the report or remove the post. The server
// refuses anyone else (GET …/forum/reports and resolveReportAction both check).
import { useActionCall } from "@/components/ui/use-action-form";
import { resolveReportAction } from "@/lib/actions/forum/resolve-report-action";
import { useForumRefresh, useReports, when } from "./forum-api";
import styles from "./forum.module.css";

export function ModerationQueue({ courseKey, onOpenThread, hrefOf }: { courseKey: string; onOpenThread: (id: number) => void; hrefOf: (id: number) => string }) {
  const { data, error, isLoading } = useReports(courseKey, true);
  const refresh = useForumRefresh(courseKey);
  const { pending, error: actionError, run } = useActionCall();
  return (
    <section aria-labelledby="forum-queue-h">
      <h2 id="forum-queue-h">Reported posts</h2>
      {isLoading ? <p>Loading…</p> : null}
      {error ? <p className={styles.error}>{error.message}</p> : null}
      {actionError ? <p className={styles.error} role="status">{actionError}</p> : null}
      {data && data.reports.length === 0 ? <p className={styles.hint}>No open reports.</p> : null}
      <ul style={{ listStyle: "none", padding: 0 }} data-testid="report-queue">
        {data?.reports.map((r) => (
          <li key={r.id} className={styles.post}>
            <div className={styles.meta}>
              <span>
                Reported by <strong>{r.reporter}</strong> <time dateTime={r.createdAt}>{when(r.createdAt)}</time>
              </span>
              <span>Reason: “{r.reason}”</span>
            </div>
            <p style={{ margin: "0.4rem 0" }}>
              {r.postId === null ? "The post " : "A reply in "}
              <a
                href={hrefOf(r.threadId)}
                onClick={(e) => {
                  e.preventDefault();
                  onOpenThread(r.threadId);
                }}
              >
                {r.threadTitle}
              </a>{" "}
              by {r.author.username ?? r.author.name}
              {r.deleted ? " (already deleted)" : ""}:
            </p>
            <blockquote className={styles.body} style={{ margin: "0.25rem 0 0.5rem", paddingLeft: "0.75rem", borderLeft: "3px solid var(--color-border)" }}>
              {r.excerpt}
            </blockquote>
            <div className={styles.actions}>
              <button type="button" className={styles.small} disabled={pending} onClick={() => run(() => resolveReportAction({ courseKey, reportId: r.id, resolution: "dismissed" }), () => void refresh())}>
                Dismiss report
              </button>
              <button type="button" className={styles.danger} disabled={pending} onClick={() => run(() => resolveReportAction({ courseKey, reportId: r.id, resolution: "removed" }), () => void refresh())}>
                Remove post
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
