"use client";
// An inline `discussion` block in a unit: its topic's threads in place, "New post" there, and a
// thread opened inline. The unit's HTML is shared by every learner of the course version (the
// page cache), so this island renders nothing learner-specific on the server: everything comes
// from the forum's JSON routes once it runs in the browser.
import "katex/dist/katex.min.css";
import { QueryClient, QueryClientContext, QueryClientProvider } from "@tanstack/react-query";
import { useContext, useState } from "react";
import { discussionHref } from "@/lib/lms/urls";
import { useForumMeta, useForumRefresh } from "./forum-api";
import { NewThreadForm } from "./post-editor";
import { ThreadList } from "./thread-list";
import { ThreadView } from "./thread-view";
import styles from "./forum.module.css";

function Inline({ courseKey, topicId }: { courseKey: string; topicId: string }) {
  const meta = useForumMeta(courseKey);
  const refresh = useForumRefresh(courseKey);
  const [open, setOpen] = useState<number | null>(null);
  const [writing, setWriting] = useState(false);
  const forumHref = `${discussionHref(courseKey)}?topic=${encodeURIComponent(topicId)}`;
  if (meta.isLoading) return <p className={styles.hint}>Loading the discussion…</p>;
  if (meta.error || !meta.data) return <p className={styles.error}>{meta.error?.message ?? "The discussion could not be loaded."}</p>;
  const m = meta.data;
  const group = m.groups.find((g) => g.topics.some((t) => t.id === topicId));
  const topic = group?.topics.find((t) => t.id === topicId);
  if (!topic || !group) return <p className={styles.hint}>This discussion is not open yet.</p>;
  const canPost = !m.me.banned && (!m.policy.blackout || m.me.canModerate);
  const hrefOf = (id: number) => `${discussionHref(courseKey)}?thread=${id}`;
  return (
    <div>
      {open !== null ? (
        <ThreadView courseKey={courseKey} threadId={open} meta={m} onBack={() => setOpen(null)} backLabel="Back to this discussion" headingLevel={3} />
      ) : (
        <>
          <div className={styles.row}>
            {canPost && !writing ? (
              <button type="button" className={styles.button} onClick={() => setWriting(true)}>
                + New post
              </button>
            ) : null}
            <a href={forumHref}>Open in the course forum</a>
            <span className={styles.hint}>
              {topic.threads} {topic.threads === 1 ? "post" : "posts"}
              {topic.unread > 0 ? `, ${topic.unread} unread` : ""}
            </span>
          </div>
          {!canPost ? <p className={styles.notice}>{m.me.banned ? "You have been banned from posting in this course's discussions." : "Discussions are read-only during a blackout period."}</p> : null}
          {writing ? (
            <NewThreadForm
              courseKey={courseKey}
              topics={[{ id: topic.id, name: topic.name, category: group.category }]}
              policy={m.policy}
              onDone={(id) => {
                setWriting(false);
                void refresh();
                setOpen(id);
              }}
              onCancel={() => setWriting(false)}
            />
          ) : null}
          <ThreadList courseKey={courseKey} query={{ topic: topicId }} pageSize={10} onOpen={setOpen} hrefOf={hrefOf} emptyText="No posts yet: ask a question or start a discussion." />
        </>
      )}
    </div>
  );
}

/** Works inside the course's LmsQueryProvider, and on its own (Studio's unit preview has none). */
export function InlineDiscussion({ courseKey, topicId }: { courseKey: string; topicId: string }) {
  const existing = useContext(QueryClientContext);
  const [own] = useState(() => (existing ? null : new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } })));
  const body = (
    <section className={styles.inline} aria-label="Discussion" data-testid="inline-discussion">
      <Inline courseKey={courseKey} topicId={topicId} />
    </section>
  );
  return own ? <QueryClientProvider client={own}>{body}</QueryClientProvider> : body;
}
