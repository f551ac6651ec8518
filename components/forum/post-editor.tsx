"use client";
// The forum's writing forms: a new thread (discussion or question, topic, anonymity), a response
// or comment, and editing one's own (or, for moderators, any) post. Markdown with $math$; the
// server renders and sanitizes it (lib/forum/markdown.ts). A refused post keeps what was typed.
import { useId, useState } from "react";
import { useActionForm } from "@/components/ui/use-action-form";
import { createPostAction } from "@/lib/actions/forum/create-post-action";
import { createThreadAction } from "@/lib/actions/forum/create-thread-action";
import { editPostAction } from "@/lib/actions/forum/edit-post-action";
import { editThreadAction } from "@/lib/actions/forum/edit-thread-action";
import styles from "./forum.module.css";

export interface PostingPolicy {
  allowAnonymous: boolean;
  allowAnonymousToPeers: boolean;
}

const MARKDOWN_HINT = "Markdown: **bold**, _italic_, [link](https://…), `code`, lists; math with $x^2$ or $$…$$. HTML is shown as text.";

function FormError({ result }: { result: { ok: boolean; message?: string } | null }) {
  return (
    <div aria-live="polite">
      {result && !result.ok ? (
        <p className={styles.error} role="status">
          {result.message}
        </p>
      ) : null}
    </div>
  );
}

function AnonymityChoice({ policy }: { policy: PostingPolicy }) {
  const id = useId();
  if (!policy.allowAnonymous && !policy.allowAnonymousToPeers) return null;
  return (
    <label htmlFor={id}>
      Post as
      <select id={id} name="anonymity" className={styles.input} defaultValue="none">
        <option value="none">Yourself (your name is shown)</option>
        {policy.allowAnonymous ? <option value="anonymous">Anonymous (only course staff see your name)</option> : null}
        {policy.allowAnonymousToPeers ? <option value="peers">Anonymous to classmates (staff and community TAs see your name)</option> : null}
      </select>
    </label>
  );
}

export function NewThreadForm({
  courseKey,
  topics,
  defaultTopic,
  policy,
  onDone,
  onCancel,
}: {
  courseKey: string;
  /** one entry: the topic is fixed (inline discussion) */
  topics: { id: string; name: string; category: string }[];
  defaultTopic?: string | null;
  policy: PostingPolicy;
  onDone: (threadId: number) => void;
  onCancel: () => void;
}) {
  const ids = { topic: useId(), title: useId(), body: useId(), hint: useId() };
  const { result, pending, onSubmit, fieldError } = useActionForm(createThreadAction, { onSuccess: (d) => onDone(d.threadId) });
  const categories = [...new Set(topics.map((t) => t.category))];
  return (
    <form className={styles.form} onSubmit={onSubmit} aria-label="New post">
      <input type="hidden" name="courseKey" value={courseKey} />
      <fieldset className={styles.fieldset}>
        <legend>Post type</legend>
        <label>
          <input type="radio" name="kind" value="question" defaultChecked /> Question
        </label>
        <label>
          <input type="radio" name="kind" value="discussion" /> Discussion
        </label>
      </fieldset>
      {topics.length === 1 ? (
        <input type="hidden" name="topicId" value={topics[0].id} />
      ) : (
        <label htmlFor={ids.topic}>
          Topic
          <select id={ids.topic} name="topicId" className={styles.input} defaultValue={defaultTopic ?? topics[0]?.id} required>
            {categories.map((c) => (
              <optgroup key={c} label={c}>
                {topics
                  .filter((t) => t.category === c)
                  .map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
      )}
      <label htmlFor={ids.title}>
        Title
        <input id={ids.title} name="title" className={styles.input} required maxLength={300} aria-invalid={fieldError("title") ? true : undefined} />
      </label>
      {fieldError("title") ? <p className={styles.error}>{fieldError("title")}</p> : null}
      <label htmlFor={ids.body}>
        Your post
        <textarea id={ids.body} name="body" className={styles.textarea} required maxLength={20000} aria-describedby={ids.hint} aria-invalid={fieldError("body") ? true : undefined} />
      </label>
      <span id={ids.hint} className={styles.hint}>
        {MARKDOWN_HINT}
      </span>
      <AnonymityChoice policy={policy} />
      <FormError result={result} />
      <div className={styles.row}>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? "Posting…" : "Submit post"}
        </button>
        <button type="button" className={styles.secondary} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** `onDone` gets the new post's id. */
export function ReplyForm({ courseKey, threadId, parentId, policy, label, onDone }: { courseKey: string; threadId: number; parentId: number | null; policy: PostingPolicy; label: string; onDone: (postId: number | null) => void }) {
  const id = useId();
  const [key, setKey] = useState(0);
  const { result, pending, onSubmit } = useActionForm(createPostAction, {
    onSuccess: (data) => {
      setKey((k) => k + 1);
      onDone("postId" in data ? data.postId : null);
    },
  });
  return (
    <form key={key} className={styles.form} onSubmit={onSubmit} aria-label={parentId !== null ? "Comment on this response" : "Respond to this post"}>
      <input type="hidden" name="courseKey" value={courseKey} />
      <input type="hidden" name="threadId" value={threadId} />
      {parentId !== null ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <label htmlFor={id}>
        {label}
        <textarea id={id} name="body" className={styles.textarea} required maxLength={20000} style={parentId !== null ? { minHeight: "4rem" } : undefined} />
      </label>
      <span className={styles.hint}>{MARKDOWN_HINT}</span>
      <AnonymityChoice policy={policy} />
      <FormError result={result} />
      <div>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? "Posting…" : parentId !== null ? "Add comment" : "Submit response"}
        </button>
      </div>
    </form>
  );
}

export function EditForm({ courseKey, target, onDone, onCancel }: { courseKey: string; target: { kind: "thread"; id: number; title: string; body: string } | { kind: "post"; id: number; body: string }; onDone: () => void; onCancel: () => void }) {
  const ids = { title: useId(), body: useId() };
  const thread = useActionForm(editThreadAction, { onSuccess: onDone });
  const post = useActionForm(editPostAction, { onSuccess: onDone });
  const form = target.kind === "thread" ? thread : post;
  return (
    <form className={styles.form} onSubmit={form.onSubmit} aria-label="Edit post">
      <input type="hidden" name="courseKey" value={courseKey} />
      <input type="hidden" name={target.kind === "thread" ? "threadId" : "postId"} value={target.id} />
      {target.kind === "thread" ? (
        <label htmlFor={ids.title}>
          Title
          <input id={ids.title} name="title" className={styles.input} defaultValue={target.title} required maxLength={300} />
        </label>
      ) : null}
      <label htmlFor={ids.body}>
        Text
        <textarea id={ids.body} name="body" className={styles.textarea} defaultValue={target.body} required maxLength={20000} />
      </label>
      <FormError result={form.result} />
      <div className={styles.row}>
        <button type="submit" className={styles.button} disabled={form.pending}>
          {form.pending ? "Saving…" : "Save"}
        </button>
        <button type="button" className={styles.secondary} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
