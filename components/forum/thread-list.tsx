"use client";
// A page-by-page list of threads (the cursor comes from the server; "Load more" asks for the
// next page), used by the Discussion tab and the inline discussions.
import { useThreads, when, type ThreadQuery, type ThreadSummaryView } from "./forum-api";
import styles from "./forum.module.css";

function ThreadItem({ t, onOpen, href }: { t: ThreadSummaryView; onOpen: (id: number) => void; href: string }) {
  const unread = t.unread !== 0;
  return (
    <li className={`${styles.threadItem} ${unread ? styles.unread : ""}`}>
      <div>
        {t.pinned ? <span className={styles.badgePinned}>Pinned</span> : null}
        {t.kind === "question" ? <span className={t.answered ? styles.badgeAnswered : styles.badgeQuestion}>{t.answered ? "✓ Answered" : "Question"}</span> : null}
        {t.closed ? <span className={styles.badgeClosed}>Closed</span> : null}
        <a
          href={href}
          onClick={(e) => {
            if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            onOpen(t.id);
          }}
        >
          {t.title}
        </a>
        {t.unread === -1 ? <span className={styles.badgeNew} style={{ marginLeft: "0.4rem" }}>New</span> : t.unread > 0 ? <span className={styles.badgeNew} style={{ marginLeft: "0.4rem" }}>{t.unread} new</span> : null}
      </div>
      {t.excerpt ? <p className={styles.excerpt}>{t.excerpt}</p> : null}
      <div className={styles.meta}>
        <span>{t.author.mine ? `${t.author.name} (you)` : t.author.name}</span>
        <span>
          {t.posts} {t.posts === 1 ? "reply" : "replies"}
        </span>
        <span>
          {t.votes} {t.votes === 1 ? "vote" : "votes"}
        </span>
        {t.following ? <span>Following</span> : null}
        <span>
          Last activity <time dateTime={t.lastActivityAt}>{when(t.lastActivityAt)}</time>
        </span>
      </div>
    </li>
  );
}

export function ThreadList({ courseKey, query, onOpen, hrefOf, pageSize = 20, emptyText = "No posts yet." }: { courseKey: string; query: ThreadQuery; onOpen: (id: number) => void; hrefOf: (id: number) => string; pageSize?: number; emptyText?: string }) {
  const { data, error, isLoading, fetchNextPage, hasNextPage, isFetchingNextPage } = useThreads(courseKey, query, pageSize);
  const threads = data?.pages.flatMap((p) => p.threads) ?? [];
  return (
    <div>
      <p className={styles.visuallyHidden} aria-live="polite">
        {isLoading ? "Loading posts" : error ? "" : `${threads.length}${hasNextPage ? " or more" : ""} posts shown`}
      </p>
      {isLoading ? <p>Loading posts…</p> : null}
      {error ? (
        <p className={styles.error} role="alert">
          {error.message}
        </p>
      ) : null}
      {!isLoading && !error && threads.length === 0 ? <p className={styles.hint}>{emptyText}</p> : null}
      {threads.length > 0 ? (
        <ul className={styles.threads} aria-label="Posts">
          {threads.map((t) => (
            <ThreadItem key={t.id} t={t} onOpen={onOpen} href={hrefOf(t.id)} />
          ))}
        </ul>
      ) : null}
      {hasNextPage ? (
        <p>
          <button type="button" className={styles.secondary} onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? "Loading…" : "Load more posts"}
          </button>
        </p>
      ) : null}
    </div>
  );
}
