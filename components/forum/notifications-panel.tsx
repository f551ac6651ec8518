"use client";
// The reader's forum notifications in this course (replies to their posts, in threads they
// follow, answers and endorsements), newest first, with "mark all as read".
import { useActionCall } from "@/components/ui/use-action-form";
import { markNotificationsReadAction } from "@/lib/actions/forum/mark-notifications-read-action";
import { useForumRefresh, useNotifications, when } from "./forum-api";
import styles from "./forum.module.css";

export function NotificationsPanel({ courseKey, onOpenThread, hrefOf }: { courseKey: string; onOpenThread: (id: number) => void; hrefOf: (id: number) => string }) {
  const { data, error, isLoading } = useNotifications(courseKey);
  const refresh = useForumRefresh(courseKey);
  const { pending, run } = useActionCall();
  return (
    <section className={styles.panel} aria-labelledby="forum-notifications-h">
      <h2 id="forum-notifications-h" style={{ fontSize: "1.1rem" }}>
        Notifications {data && data.unread > 0 ? <span className={styles.unreadDot}>{data.unread}</span> : null}
      </h2>
      {isLoading ? <p>Loading…</p> : null}
      {error ? <p className={styles.error}>{error.message}</p> : null}
      {data && data.notifications.length === 0 ? <p className={styles.hint}>Nothing yet: replies to your posts and to threads you follow appear here.</p> : null}
      {data && data.unread > 0 ? (
        <button type="button" className={styles.small} disabled={pending} onClick={() => run(() => markNotificationsReadAction({ courseKey, ids: "all" }), () => void refresh())}>
          Mark all as read
        </button>
      ) : null}
      {data && data.notifications.length > 0 ? (
        <ul className={styles.notifList} data-testid="forum-notifications">
          {data.notifications.map((n) => (
            <li key={n.id} className={n.read ? undefined : styles.notifUnread}>
              {n.read ? null : <span className={styles.visuallyHidden}>Unread: </span>}
              {n.text}:{" "}
              <a
                href={hrefOf(n.threadId)}
                onClick={(e) => {
                  e.preventDefault();
                  if (!n.read) void markNotificationsReadAction({ courseKey, ids: [n.id] }).then(() => refresh());
                  onOpenThread(n.threadId);
                }}
              >
                {n.threadTitle}
              </a>{" "}
              <span className={styles.hint}>
                <time dateTime={n.createdAt}>{when(n.createdAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
