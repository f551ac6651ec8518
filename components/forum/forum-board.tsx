"use client";
// The course's Discussion tab: topics (course-wide and one per inline discussion, grouped by
// category, with unread counts), the thread list with filters, sort, search and "load more",
// the open thread, the new-post form, notifications and, for moderators, the report queue.
// Everything here is the reader's own, so it is fetched on the client (React Query over the
// forum's JSON routes); the page's server HTML is a shell. Where the reader is lives in the URL
// (?topic=…&thread=…&view=…), so links and the back button work.
import "katex/dist/katex.min.css";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useId, useState, type FormEvent } from "react";
import { useForumMeta, useForumRefresh, useNotifications } from "./forum-api";
import { ModerationQueue } from "./moderation-queue";
import { NotificationsPanel } from "./notifications-panel";
import { NewThreadForm } from "./post-editor";
import { ThreadList } from "./thread-list";
import { ThreadView } from "./thread-view";
import styles from "./forum.module.css";

const FILTERS = [
  ["all", "All posts"],
  ["unread", "Unread"],
  ["unanswered", "Unanswered questions"],
  ["following", "Following"],
  ["mine", "My posts"],
] as const;

export function ForumBoard({ courseKey }: { courseKey: string }) {
  const sp = useSearchParams();
  const pathname = usePathname();
  const meta = useForumMeta(courseKey);
  const notifications = useNotifications(courseKey, meta.isSuccess);
  const refresh = useForumRefresh(courseKey);
  const ids = { search: useId(), filter: useId(), sort: useId() };
  const topic = sp.get("topic");
  const threadId = Number(sp.get("thread")) || null;
  const view = sp.get("view");
  const filter = sp.get("filter") ?? "all";
  const sort = sp.get("sort") ?? "activity";
  const q = sp.get("q") ?? "";
  const [searchText, setSearchText] = useState(q);

  const go = useCallback(
    (changes: Record<string, string | null>, replace = false) => {
      const next = new URLSearchParams(sp.toString());
      for (const [k, v] of Object.entries(changes)) {
        if (v === null || v === "" || (k === "filter" && v === "all") || (k === "sort" && v === "activity")) next.delete(k);
        else next.set(k, v);
      }
      const url = `${pathname}${next.size ? `?${next}` : ""}`;
      if (replace) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [sp, pathname],
  );
  const hrefOf = (id: number) => `${pathname}?thread=${id}`;
  const openThread = (id: number) => go({ thread: String(id), view: null });

  if (meta.isLoading) return <p role="status">Loading the discussions…</p>;
  if (meta.error || !meta.data) {
    return (
      <p className={styles.error} role="alert">
        {meta.error?.message ?? "The discussions could not be loaded."}
      </p>
    );
  }
  const m = meta.data;
  const allTopics = m.groups.flatMap((g) => g.topics.map((t) => ({ ...t, category: g.category })));
  const topicName = topic ? (allTopics.find((t) => t.id === topic)?.name ?? "Unknown topic") : "All discussions";
  const canPost = !m.me.banned && (!m.policy.blackout || m.me.canModerate);

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    go({ q: searchText.trim() || null, thread: null, view: null });
  };

  let main: React.ReactNode;
  if (view === "new") {
    main = (
      <>
        <h2>New post</h2>
        <NewThreadForm
          courseKey={courseKey}
          topics={allTopics}
          defaultTopic={topic}
          policy={m.policy}
          onDone={(id) => {
            void refresh();
            go({ view: null, thread: String(id) }, true);
          }}
          onCancel={() => go({ view: null })}
        />
      </>
    );
  } else if (view === "notifications") {
    main = <NotificationsPanel courseKey={courseKey} onOpenThread={openThread} hrefOf={hrefOf} />;
  } else if (view === "reports" && m.me.canModerate) {
    main = <ModerationQueue courseKey={courseKey} onOpenThread={openThread} hrefOf={hrefOf} />;
  } else if (threadId) {
    main = <ThreadView key={threadId} courseKey={courseKey} threadId={threadId} meta={m} onBack={() => go({ thread: null })} />;
  } else {
    main = (
      <section aria-labelledby="forum-list-h">
        <h2 id="forum-list-h">{q ? `Search results for “${q}”` : topicName}</h2>
        <div className={styles.toolbar}>
          <form role="search" onSubmit={onSearch} className={styles.row} aria-label="Search the discussions">
            <label htmlFor={ids.search}>
              Search posts
              <input id={ids.search} type="search" className={styles.input} value={searchText} onChange={(e) => setSearchText(e.target.value)} maxLength={200} />
            </label>
            <button type="submit" className={styles.secondary} style={{ alignSelf: "flex-end" }}>
              Search
            </button>
            {q ? (
              <button
                type="button"
                className={styles.small}
                style={{ alignSelf: "flex-end" }}
                onClick={() => {
                  setSearchText("");
                  go({ q: null });
                }}
              >
                Clear search
              </button>
            ) : null}
          </form>
          <label htmlFor={ids.filter}>
            Show
            <select id={ids.filter} className={styles.input} value={filter} onChange={(e) => go({ filter: e.target.value }, true)}>
              {FILTERS.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor={ids.sort}>
            Sort by
            <select id={ids.sort} className={styles.input} value={sort} onChange={(e) => go({ sort: e.target.value }, true)}>
              <option value="activity">Recent activity</option>
              <option value="votes">Most votes</option>
            </select>
          </label>
        </div>
        <ThreadList courseKey={courseKey} query={{ topic, filter, sort, q }} onOpen={openThread} hrefOf={hrefOf} emptyText={q ? "No posts match your search." : filter !== "all" ? "No posts match this filter." : "No posts yet in this topic: start the conversation."} />
      </section>
    );
  }

  return (
    <div className={styles.board}>
      <nav className={styles.sidebar} aria-label="Discussion topics">
        <p style={{ margin: "0 0 0.75rem" }}>
          {canPost ? (
            <button type="button" className={styles.button} onClick={() => go({ view: "new", thread: null })}>
              + New post
            </button>
          ) : (
            <span className={styles.hint}>{m.me.banned ? "You have been banned from posting in these discussions." : "Discussions are read-only during a blackout period."}</span>
          )}
        </p>
        <ul className={styles.topicList}>
          <li>
            <a className={styles.topicLink} href={pathname} aria-current={!topic && !view && !threadId ? "true" : undefined} onClick={(e) => { e.preventDefault(); go({ topic: null, thread: null, view: null, q: null }); setSearchText(""); }}>
              <span>All discussions</span>
            </a>
          </li>
          <li>
            <a className={styles.topicLink} href={`${pathname}?view=notifications`} aria-current={view === "notifications" ? "true" : undefined} onClick={(e) => { e.preventDefault(); go({ view: "notifications", thread: null }); }}>
              <span>Notifications</span>
              {notifications.data && notifications.data.unread > 0 ? (
                <span className={styles.unreadDot} data-testid="notification-count">
                  {notifications.data.unread}
                  <span className={styles.visuallyHidden}> unread</span>
                </span>
              ) : null}
            </a>
          </li>
          {m.me.canModerate ? (
            <li>
              <a className={styles.topicLink} href={`${pathname}?view=reports`} aria-current={view === "reports" ? "true" : undefined} onClick={(e) => { e.preventDefault(); go({ view: "reports", thread: null }); }}>
                <span>Reported posts</span>
                {m.openReports ? <span className={styles.unreadDot}>{m.openReports}<span className={styles.visuallyHidden}> open</span></span> : null}
              </a>
            </li>
          ) : null}
        </ul>
        {m.groups.map((g) => (
          <div key={g.category}>
            <h3>{g.category}</h3>
            <ul className={styles.topicList}>
              {g.topics.map((t) => (
                <li key={t.id}>
                  <a
                    className={styles.topicLink}
                    href={`${pathname}?topic=${encodeURIComponent(t.id)}`}
                    aria-current={topic === t.id && !threadId && !view ? "true" : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      go({ topic: t.id, thread: null, view: null, q: null });
                      setSearchText("");
                    }}
                  >
                    <span>{t.name}</span>
                    <span className={styles.count}>
                      {t.unread > 0 ? (
                        <span className={styles.unreadDot}>
                          {t.unread}
                          <span className={styles.visuallyHidden}> unread</span>
                        </span>
                      ) : null}{" "}
                      {t.threads}
                      <span className={styles.visuallyHidden}> posts</span>
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <div>
        {m.policy.blackout ? <p className={styles.notice}>The course team has paused the discussions for now: you can read, but not post.</p> : null}
        {main}
      </div>
    </div>
  );
}
