"use client";
// One thread as the reader sees it: the post, its responses (the answer and endorsed ones first)
// and their comments, with what the reader may do to each: vote, follow, mark the answer (the
// asker), endorse/pin/close and read the edit history (moderators), edit/delete (the author or a
// moderator), report (anyone but the author). Opening it marks it read. Every button's action
// is checked again on the server. Responses come 25 at a time ("Load more responses", focus then
// on the first one loaded); new posts further down are one "Show new posts" away, and one's own
// new response is loaded and focused after posting it. A response's comments come 10 at a time the
// same way ("Load more comments (N more)", focus on the first one loaded); one's own new comment is
// loaded and focused after posting it, however far down it lands, and so is a new comment that
// "Show new posts" leads to.
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useActionCall } from "@/components/ui/use-action-form";
import { deletePostAction } from "@/lib/actions/forum/delete-post-action";
import { deleteThreadAction } from "@/lib/actions/forum/delete-thread-action";
import { endorsePostAction } from "@/lib/actions/forum/endorse-post-action";
import { followThreadAction } from "@/lib/actions/forum/follow-thread-action";
import { markAnswerAction } from "@/lib/actions/forum/mark-answer-action";
import { markThreadReadAction } from "@/lib/actions/forum/mark-thread-read-action";
import { reportPostAction } from "@/lib/actions/forum/report-post-action";
import { setThreadFlagAction } from "@/lib/actions/forum/set-thread-flag-action";
import { voteAction } from "@/lib/actions/forum/vote-action";
import { threadOfPages, useEditHistory, useForumRefresh, useResponseComments, useThread, when, type AuthorView, type ForumMetaJson, type PostJson } from "./forum-api";
import { EditForm, ReplyForm } from "./post-editor";
import styles from "./forum.module.css";

type Me = ForumMetaJson["me"];

function Author({ a, createdAt, edited }: { a: AuthorView; createdAt: string; edited: boolean }) {
  return (
    <span className={styles.meta}>
      <span>
        <span className={styles.author}>{a.mine ? `${a.name} (you)` : a.name}</span>
        {a.anonymity !== "none" && a.username !== null ? <span className={styles.hint}> · posted anonymously{a.anonymity === "peers" ? " to classmates" : ""}</span> : null}
      </span>
      <time dateTime={createdAt}>{when(createdAt)}</time>
      {edited ? <span>(edited)</span> : null}
    </span>
  );
}

function History({ courseKey, threadId, postId }: { courseKey: string; threadId: number; postId: number | null }) {
  const { data, isLoading, error } = useEditHistory(courseKey, threadId, postId, true);
  if (isLoading) return <p className={styles.hint}>Loading history…</p>;
  if (error) return <p className={styles.error}>{error.message}</p>;
  if (!data?.edits.length) return <p className={styles.hint}>Never edited.</p>;
  return (
    <div className={styles.history}>
      <strong>Earlier versions (newest first)</strong>
      <ol>
        {data.edits.map((e) => (
          <li key={e.id}>
            Before {e.editor}&apos;s edit of <time dateTime={e.createdAt}>{when(e.createdAt)}</time>:{e.oldTitle !== null ? <div>Title: {e.oldTitle}</div> : null}
            <pre>{e.oldBodyMd}</pre>
          </li>
        ))}
      </ol>
    </div>
  );
}

function ReportForm({ courseKey, threadId, postId, onDone }: { courseKey: string; threadId: number; postId: number | null; onDone: (msg: string) => void }) {
  const id = useId();
  const [reason, setReason] = useState("");
  const { pending, error, run } = useActionCall();
  return (
    <form
      className={styles.form}
      aria-label="Report this post"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => reportPostAction({ courseKey, threadId, postId, reason }), () => onDone("Thanks: the course team will review this post."));
      }}
    >
      <label htmlFor={id}>
        What is wrong with this post?
        <input id={id} className={styles.input} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required />
      </label>
      {error ? <p className={styles.error} role="status">{error}</p> : null}
      <div>
        <button type="submit" className={styles.button} disabled={pending}>
          Send report
        </button>
      </div>
    </form>
  );
}

/** The buttons under a thread or post. */
function PostActions({
  courseKey,
  threadId,
  post,
  isThread,
  extra,
  onEdit,
}: {
  courseKey: string;
  threadId: number;
  post: { id: number; votes: number; voted: boolean; canDelete: boolean; canEdit: boolean; bodyMd?: string; author: AuthorView };
  isThread: boolean;
  extra?: React.ReactNode;
  onEdit: () => void;
}) {
  const refresh = useForumRefresh(courseKey);
  const { pending, error, run } = useActionCall();
  const [panel, setPanel] = useState<"report" | "history" | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const label = isThread ? "post" : "response";
  return (
    <>
      <div className={styles.actions}>
        <button type="button" className={styles.small} aria-pressed={post.voted} disabled={pending} onClick={() => run(() => voteAction({ courseKey, target: isThread ? "thread" : "post", id: post.id, on: !post.voted }), () => void refresh())}>
          <span aria-hidden="true">▲</span> {post.votes} <span className={styles.visuallyHidden}>{post.voted ? "votes, remove your vote" : "votes, vote for this " + label}</span>
        </button>
        {extra}
        {post.canEdit && post.bodyMd !== undefined ? (
          <button type="button" className={styles.small} onClick={onEdit}>
            Edit
          </button>
        ) : null}
        {post.canDelete ? (
          <button
            type="button"
            className={styles.danger}
            disabled={pending}
            onClick={() => {
              if (!window.confirm(`Delete this ${label}? This cannot be undone.`)) return;
              run(() => (isThread ? deleteThreadAction({ courseKey, threadId }) : deletePostAction({ courseKey, postId: post.id })), () => void refresh());
            }}
          >
            Delete
          </button>
        ) : null}
        {!post.author.mine ? (
          <button type="button" className={styles.small} aria-expanded={panel === "report"} onClick={() => setPanel(panel === "report" ? null : "report")}>
            Report
          </button>
        ) : null}
      </div>
      {error ? <p className={styles.error} role="status">{error}</p> : null}
      {note ? <p role="status">{note}</p> : null}
      {panel === "report" ? (
        <ReportForm
          courseKey={courseKey}
          threadId={threadId}
          postId={isThread ? null : post.id}
          onDone={(m) => {
            setNote(m);
            setPanel(null);
          }}
        />
      ) : null}
    </>
  );
}

function HistoryToggle({ courseKey, threadId, postId }: { courseKey: string; threadId: number; postId: number | null }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={styles.small} aria-expanded={open} onClick={() => setOpen(!open)}>
        Edit history
      </button>
      {open ? <History courseKey={courseKey} threadId={threadId} postId={postId} /> : null}
    </>
  );
}

function Response({
  courseKey,
  threadId,
  r,
  me,
  isQuestion,
  iAsked,
  closed,
  policy,
  firstUnread,
  reveal,
  onUnreadShown,
}: {
  courseKey: string;
  threadId: number;
  r: PostJson;
  me: Me;
  isQuestion: boolean;
  iAsked: boolean;
  closed: boolean;
  policy: ForumMetaJson["policy"];
  firstUnread: number | null;
  /** a comment of this response to load (however far down) and focus: "Show new posts" led here */
  reveal: number | null;
  /** the reader's first new post is now shown among this response's comments (loaded by hand, say) */
  onUnreadShown: () => void;
}) {
  const refresh = useForumRefresh(courseKey);
  const { pending, error, run } = useActionCall();
  const [editing, setEditing] = useState<number | null>(null);
  const [commenting, setCommenting] = useState(false);
  const isNew = (id: number) => firstUnread !== null && id >= firstUnread;
  const canMark = isQuestion && (iAsked || me.canModerate);
  const more = useResponseComments(courseKey, threadId, r);
  const itemRef = useRef<HTMLLIElement>(null);
  const focusComment = (id: number | undefined) => itemRef.current?.querySelector<HTMLElement>(`[data-post="${id}"]`)?.focus();
  // "Load more comments": focus moves to the first comment it loaded, once it is shown
  const focusAt = useRef<number | null>(null);
  useEffect(() => {
    const at = focusAt.current;
    if (at === null) return;
    if (more.comments.length > at) {
      focusAt.current = null;
      focusComment(more.comments[at].id);
    } else if (more.error) focusAt.current = null;
  });
  // One's own new comment (after the refresh that follows posting it) or the one "Show new posts"
  // leads to: pages are loaded until it is shown (it may land beyond them), then it is focused;
  // given up when there is nothing more to load.
  const chase = useRef<number | null>(null);
  const revealed = useRef<number | null>(null);
  const [, rerender] = useState(0);
  useEffect(() => {
    if (reveal !== null && revealed.current !== reveal) chase.current = revealed.current = reveal;
    const id = chase.current;
    if (id === null) return;
    if (more.comments.some((c) => c.id === id)) {
      chase.current = null;
      focusComment(id);
      return;
    }
    if (more.busy) return;
    if (more.error || !more.loadMore()) chase.current = null;
  });
  // Once the first new post is among the comments shown here, the thread's "further down" notice has nothing left to lead to.
  const unreadHere = firstUnread !== null && more.comments.some((c) => c.id === firstUnread);
  useEffect(() => {
    if (unreadHere) onUnreadShown();
  }, [unreadHere, onUnreadShown]);
  const loadMoreComments = () => {
    const at = more.comments.length;
    if (more.loadMore()) focusAt.current = at;
  };
  return (
    <li ref={itemRef} className={`${r.isAnswer ? styles.postAnswer : styles.post} ${isNew(r.id) ? styles.postNew : ""}`} aria-label={`Response by ${r.author.name}`} data-post={r.id} tabIndex={-1}>
      <div>
        {r.isAnswer ? <span className={styles.badgeAnswered}>✓ Answer</span> : null}
        {r.endorsed ? <span className={styles.badgeAnswered}>Endorsed by staff</span> : null}
        {isNew(r.id) ? <span className={styles.badgeNew}>New</span> : null}
        <Author a={r.author} createdAt={r.createdAt} edited={r.edited} />
      </div>
      {editing === r.id && r.bodyMd !== undefined ? (
        <EditForm courseKey={courseKey} target={{ kind: "post", id: r.id, body: r.bodyMd }} onDone={() => { setEditing(null); void refresh(); }} onCancel={() => setEditing(null)} />
      ) : (
        <div className={styles.body} dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
      )}
      <PostActions
        courseKey={courseKey}
        threadId={threadId}
        post={r}
        isThread={false}
        onEdit={() => setEditing(r.id)}
        extra={
          <>
            {canMark ? (
              <button type="button" className={styles.small} aria-pressed={r.isAnswer} disabled={pending} onClick={() => run(() => markAnswerAction({ courseKey, postId: r.id, on: !r.isAnswer }), () => void refresh())}>
                {r.isAnswer ? "Unmark answer" : "Mark as answer"}
              </button>
            ) : null}
            {me.canModerate ? (
              <button type="button" className={styles.small} aria-pressed={r.endorsed} disabled={pending} onClick={() => run(() => endorsePostAction({ courseKey, postId: r.id, on: !r.endorsed }), () => void refresh())}>
                {r.endorsed ? "Unendorse" : "Endorse"}
              </button>
            ) : null}
            {me.canModerate && r.edited ? <HistoryToggle courseKey={courseKey} threadId={threadId} postId={r.id} /> : null}
          </>
        }
      />
      {error ? <p className={styles.error} role="status">{error}</p> : null}
      {more.comments.length > 0 ? (
        <ul className={styles.comments} aria-label="Comments">
          {more.comments.map((c) => (
            <li key={c.id} className={`${styles.comment} ${isNew(c.id) ? styles.postNew : ""}`} data-post={c.id} tabIndex={-1}>
              <div>
                {isNew(c.id) ? <span className={styles.badgeNew}>New</span> : null}
                <Author a={c.author} createdAt={c.createdAt} edited={c.edited} />
              </div>
              {editing === c.id && c.bodyMd !== undefined ? (
                <EditForm courseKey={courseKey} target={{ kind: "post", id: c.id, body: c.bodyMd }} onDone={() => { setEditing(null); void refresh(); }} onCancel={() => setEditing(null)} />
              ) : (
                <div className={styles.body} dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
              )}
              <PostActions courseKey={courseKey} threadId={threadId} post={c} isThread={false} onEdit={() => setEditing(c.id)} extra={me.canModerate && c.edited ? <HistoryToggle courseKey={courseKey} threadId={threadId} postId={c.id} /> : null} />
            </li>
          ))}
        </ul>
      ) : null}
      {more.hasMore && more.remaining > 0 ? (
        <button type="button" className={styles.small} style={{ marginTop: "0.5rem" }} aria-disabled={more.loading} onClick={loadMoreComments}>
          {more.loading ? "Loading more comments…" : `Load more comments (${more.remaining} more)`}
        </button>
      ) : null}
      {more.error ? (
        <p className={styles.error} role="alert">
          {more.error.message || "More comments could not be loaded."}
        </p>
      ) : null}
      {!closed && !me.banned ? (
        commenting ? (
          <ReplyForm
            courseKey={courseKey}
            threadId={threadId}
            parentId={r.id}
            policy={policy}
            label="Your comment"
            onDone={(id) => {
              setCommenting(false);
              void refresh().then(() => {
                chase.current = id;
                rerender((n) => n + 1);
              });
            }}
          />
        ) : (
          <button type="button" className={styles.small} style={{ marginTop: "0.5rem" }} onClick={() => setCommenting(true)}>
            Add a comment
          </button>
        )
      ) : null}
    </li>
  );
}

export function ThreadView({ courseKey, threadId, meta, onBack, backLabel = "Back to all posts", headingLevel = 2 }: { courseKey: string; threadId: number; meta: ForumMetaJson; onBack: () => void; backLabel?: string; headingLevel?: 2 | 3 }) {
  const { data, error, isLoading, isFetching, isFetchedAfterMount, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = useThread(courseKey, threadId);
  const refresh = useForumRefresh(courseKey);
  const { pending, error: actionError, run } = useActionCall();
  const [editing, setEditing] = useState(false);
  const articleRef = useRef<HTMLElement>(null);
  const view = data ? threadOfPages(data.pages) : null;
  const me = meta.me;
  // The reader's marker of this visit, kept while marking the thread read refetches it without one
  // (so the "New" marks stay). Taken once the data is this visit's: a cached copy that is being
  // refetched on opening is an earlier visit's.
  const [visit, setVisit] = useState<{ threadId: number; firstUnread: number | null; holder: number | null } | null>(null);
  if (view && (isFetchedAfterMount || !isFetching) && visit?.threadId !== threadId) setVisit({ threadId, firstUnread: view.first.firstUnreadPostId, holder: view.first.firstUnreadResponseId ?? null });
  const ready = visit?.threadId === threadId;
  const firstUnread = ready ? visit.firstUnread : null;
  // the response the first new post is or sits under (it may be a comment beyond its first 10)
  const firstUnreadHolder = ready ? visit.holder : null;
  // a comment a response is to load and focus ("Show new posts" led to it)
  const [reveal, setReveal] = useState<{ responseId: number; commentId: number } | null>(null);
  // the first new post, once a response shows it among comments it loaded (not through "Show new posts")
  const [unreadShownBelow, setUnreadShownBelow] = useState<number | null>(null);
  const onUnreadShown = useCallback(() => setUnreadShownBelow(firstUnread), [firstUnread]);
  const seq = ready ? view?.first.postSeq : undefined;
  useEffect(() => {
    // mark it read once it has been shown (the unread counts and "New" marks follow)
    if (seq === undefined) return;
    void markThreadReadAction({ courseKey, threadId }).then((r) => (r.ok ? refresh() : undefined));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [courseKey, threadId, seq]);

  // Where focus goes once the pages it waits for are shown: the first response of a page just
  // loaded ("Load more"), or a post further down ("Show new posts", one's own new response).
  const focusNext = useRef<{ index: number; pages: number } | { postId: number } | null>(null);
  const latest = useRef(data);
  useEffect(() => {
    latest.current = data;
    const want = focusNext.current;
    if (!want || !data) return;
    const root = articleRef.current;
    if ("postId" in want) {
      const el = root?.querySelector<HTMLElement>(`[data-post="${want.postId}"]`);
      if (el) {
        focusNext.current = null;
        el.focus();
      }
    } else if (data.pages.length > want.pages) {
      focusNext.current = null;
      const id = view?.responses[want.index]?.id;
      (root?.querySelector<HTMLElement>(`[data-post="${id}"]`) ?? root?.querySelector<HTMLElement>("[data-responses-heading]"))?.focus();
    }
  });
  const loadMore = () => {
    if (isFetchingNextPage || !data || !view) return;
    focusNext.current = { index: view.responses.length, pages: data.pages.length };
    void fetchNextPage();
  };
  /**
   * Loads pages until the post is loaded, then moves focus to it (once it is rendered). A comment
   * beyond its response's first ones (`holder`: that response) is left to the response to load and
   * focus once the response is loaded.
   */
  const showPost = async (postId: number, holder: number = postId) => {
    const has = (pages: { responses: PostJson[] }[]) => pages.some((p) => p.responses.some((r) => r.id === postId || r.comments?.some((c) => c.id === postId)));
    const hasHolder = (pages: { responses: PostJson[] }[]) => holder !== postId && pages.some((p) => p.responses.some((r) => r.id === holder));
    focusNext.current = { postId };
    let pages = latest.current?.pages ?? [];
    // Not cancelling a fetch in flight (marking the thread read refetches it just after it opens):
    // a call made meanwhile answers with that fetch, and the next one asks for the next page.
    for (let stalls = 0; !has(pages) && !hasHolder(pages) && stalls < 20; ) {
      const res = await fetchNextPage({ cancelRefetch: false });
      if (res.isError || !res.data) break;
      if (res.data.pages.length > pages.length) {
        pages = res.data.pages;
        continue;
      }
      if (!res.hasNextPage) break; // no further page
      stalls++;
      pages = res.data.pages;
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!has(pages) && hasHolder(pages)) {
      focusNext.current = null;
      setReveal({ responseId: holder, commentId: postId });
      return;
    }
    if (!has(pages)) {
      focusNext.current = null; // gone (deleted meanwhile): nothing to show
      return;
    }
    // already rendered: no render is coming for the effect to act on
    const el = articleRef.current?.querySelector<HTMLElement>(`[data-post="${postId}"]`);
    if (el) {
      focusNext.current = null;
      el.focus();
    }
  };

  const H = headingLevel === 2 ? "h2" : "h3";
  if (isLoading) return <p role="status">Loading the thread…</p>;
  // a page that failed to load more leaves the thread shown (its error sits by the button)
  if (!view || (error && !isFetchNextPageError)) {
    return (
      <div>
        <p className={styles.error} role="alert">
          {error?.message ?? "This thread could not be loaded."}
        </p>
        <button type="button" className={styles.secondary} onClick={onBack}>
          {backLabel}
        </button>
      </div>
    );
  }
  const { responses, responseCount } = view;
  const shown = (id: number) => responses.some((r) => r.id === id || r.comments?.some((c) => c.id === id));
  // further down: on a page not loaded yet, or among a loaded response's comments not loaded yet
  const holderLoaded = firstUnreadHolder !== null && firstUnreadHolder !== firstUnread && responses.some((r) => r.id === firstUnreadHolder);
  const newFurtherDown = firstUnread !== null && (hasNextPage || holderLoaded) && !shown(firstUnread) && reveal?.commentId !== firstUnread && unreadShownBelow !== firstUnread;
  const remaining = Math.max(0, responseCount - responses.length);
  const t = view.first.thread;
  // a closed thread, or one that holds as many posts as a thread may: no reply forms
  const closed = t.closed || t.full;
  return (
    <article aria-labelledby={`thread-${t.id}-title`} ref={articleRef}>
      <button type="button" className={styles.small} onClick={onBack}>
        ← {backLabel}
      </button>
      <div className={styles.post}>
        <div>
          {t.pinned ? <span className={styles.badgePinned}>Pinned</span> : null}
          {t.closed ? <span className={styles.badgeClosed}>Closed</span> : null}
          {t.kind === "question" ? <span className={t.answered ? styles.badgeAnswered : styles.badgeQuestion}>{t.answered ? "✓ Answered question" : "Question"}</span> : null}
          <span className={styles.hint}>
            in {t.topicName}
            {t.unitHref ? (
              <>
                {" · "}
                <a href={t.unitHref}>go to the unit</a>
              </>
            ) : null}
          </span>
        </div>
        <H id={`thread-${t.id}-title`} style={{ margin: "0.4rem 0", overflowWrap: "anywhere" }}>
          {t.title}
        </H>
        <Author a={t.author} createdAt={t.createdAt} edited={t.edited} />
        {editing && t.bodyMd !== undefined ? (
          <EditForm courseKey={courseKey} target={{ kind: "thread", id: t.id, title: t.title, body: t.bodyMd }} onDone={() => { setEditing(false); void refresh(); }} onCancel={() => setEditing(false)} />
        ) : (
          <div className={styles.body} dangerouslySetInnerHTML={{ __html: t.bodyHtml }} />
        )}
        <PostActions
          courseKey={courseKey}
          threadId={t.id}
          post={{ ...t, id: t.id }}
          isThread
          onEdit={() => setEditing(true)}
          extra={
            <>
              <button type="button" className={styles.small} aria-pressed={t.following} disabled={pending} onClick={() => run(() => followThreadAction({ courseKey, threadId: t.id, on: !t.following }), () => void refresh())}>
                {t.following ? "Following" : "Follow"}
              </button>
              {me.canModerate ? (
                <>
                  <button type="button" className={styles.small} aria-pressed={t.pinned} disabled={pending} onClick={() => run(() => setThreadFlagAction({ courseKey, threadId: t.id, flag: "pinned", on: !t.pinned }), () => void refresh())}>
                    {t.pinned ? "Unpin" : "Pin"}
                  </button>
                  <button type="button" className={styles.small} aria-pressed={t.closed} disabled={pending} onClick={() => run(() => setThreadFlagAction({ courseKey, threadId: t.id, flag: "closed", on: !t.closed }), () => void refresh())}>
                    {t.closed ? "Reopen" : "Close"}
                  </button>
                  {t.edited ? <HistoryToggle courseKey={courseKey} threadId={t.id} postId={null} /> : null}
                </>
              ) : null}
            </>
          }
        />
        {actionError ? <p className={styles.error} role="status">{actionError}</p> : null}
      </div>
      <H style={{ fontSize: "1.05rem" }} tabIndex={-1} data-responses-heading>
        {responseCount} {responseCount === 1 ? "response" : "responses"}
        {remaining > 0 ? <span className={styles.hint}> (showing {responses.length})</span> : null}
      </H>
      {newFurtherDown ? (
        <p className={styles.notice}>
          There are new posts since your last visit further down.{" "}
          <button type="button" className={styles.small} onClick={() => void showPost(firstUnread, firstUnreadHolder ?? firstUnread)}>
            Show new posts
          </button>
        </p>
      ) : null}
      <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {responses.map((r) => (
          <Response key={r.id} courseKey={courseKey} threadId={t.id} r={r} me={me} isQuestion={t.kind === "question"} iAsked={t.author.mine} closed={closed} policy={meta.policy} firstUnread={firstUnread} reveal={reveal?.responseId === r.id ? reveal.commentId : null} onUnreadShown={onUnreadShown} />
        ))}
      </ul>
      {hasNextPage && remaining > 0 ? (
        <button type="button" className={styles.secondary} aria-disabled={isFetchingNextPage} onClick={loadMore}>
          {isFetchingNextPage ? "Loading more responses…" : `Load more responses (${remaining} more)`}
        </button>
      ) : null}
      {isFetchNextPageError ? (
        <p className={styles.error} role="alert">
          {error?.message ?? "More responses could not be loaded."}
        </p>
      ) : null}
      {t.closed ? (
        <p className={styles.notice}>This thread is closed: it takes no new responses or comments.</p>
      ) : t.full ? (
        <p className={styles.notice}>This thread has as many posts as a thread may hold: start a new thread to go on.</p>
      ) : me.banned ? (
        <p className={styles.notice}>You have been banned from posting in this course&apos;s discussions.</p>
      ) : meta.policy.blackout && !me.canModerate ? (
        <p className={styles.notice}>Discussions are read-only during a blackout period set by the course team.</p>
      ) : (
        <ReplyForm courseKey={courseKey} threadId={t.id} parentId={null} policy={meta.policy} label="Your response" onDone={(id) => void refresh().then(() => (id !== null ? showPost(id) : undefined))} />
      )}
    </article>
  );
}
