"use client";
// The forum's client data: React Query over the JSON routes (app/api/lms/courses/<key>/forum/…),
// shared by the Discussion tab and the inline discussions of units (all inside the course's
// LmsQueryProvider). Writes are server actions (lib/actions/forum/…); after one, `refresh`
// invalidates every forum query of the course so counts, lists and the open thread agree.
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { CommentPageJson, ForumMetaJson, NotificationJson, PostJson, ResponsePageJson, ThreadJson, ThreadPageJson } from "@/lib/forum/reads";

export type { CommentPageJson, ForumMetaJson, NotificationJson, ThreadJson, ThreadPageJson, PostJson, ResponsePageJson } from "@/lib/forum/reads";
export type { ThreadSummaryView, AuthorView } from "@/lib/forum/views";

export class ForumFetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const base = (courseKey: string) => `/api/lms/courses/${encodeURIComponent(courseKey)}/forum`;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { credentials: "same-origin", cache: "no-store" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ForumFetchError(res.status, body?.error?.message ?? `The discussions could not be loaded (${res.status}).`);
  }
  return (await res.json()) as T;
}

export const forumKey = (courseKey: string) => ["forum", courseKey] as const;

export interface ThreadQuery {
  topic?: string | null;
  filter?: string;
  sort?: string;
  q?: string;
}

export function useForumMeta(courseKey: string) {
  return useQuery({ queryKey: [...forumKey(courseKey), "meta"], queryFn: () => getJson<ForumMetaJson>(base(courseKey)) });
}

export function useThreads(courseKey: string, query: ThreadQuery, pageSize = 20) {
  return useInfiniteQuery({
    queryKey: [...forumKey(courseKey), "threads", query, pageSize],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const sp = new URLSearchParams();
      if (query.topic) sp.set("topic", query.topic);
      if (query.filter && query.filter !== "all") sp.set("filter", query.filter);
      if (query.sort && query.sort !== "activity") sp.set("sort", query.sort);
      if (query.q) sp.set("q", query.q);
      sp.set("limit", String(pageSize));
      if (pageParam) sp.set("cursor", pageParam);
      return getJson<ThreadPageJson>(`${base(courseKey)}/threads?${sp}`);
    },
    getNextPageParam: (last) => last.next,
  });
}

/**
 * A thread and its responses, a page at a time: the first page (`…/threads/<id>`) carries the
 * thread, each `fetchNextPage` appends the responses after `nextResponses`. After a write the
 * refresh refetches every loaded page from the first, so the pages always belong together.
 */
export function useThread(courseKey: string, threadId: number | null) {
  return useInfiniteQuery({
    queryKey: [...forumKey(courseKey), "thread", threadId],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }): Promise<ThreadJson | ResponsePageJson> =>
      pageParam ? getJson<ResponsePageJson>(`${base(courseKey)}/threads/${threadId}?after=${encodeURIComponent(pageParam)}`) : getJson<ThreadJson>(`${base(courseKey)}/threads/${threadId}`),
    getNextPageParam: (last) => last.nextResponses,
    enabled: threadId !== null,
  });
}

/** The loaded pages as one thread: its first page, every response loaded so far (once each), and how many there are in all. */
export function threadOfPages(pages: (ThreadJson | ResponsePageJson)[]): { first: ThreadJson; responses: PostJson[]; responseCount: number } | null {
  const first = pages[0];
  if (!first || !("thread" in first)) return null;
  const seen = new Set<number>();
  const responses: PostJson[] = [];
  // a write by someone else between two pages can move a response (an endorsement): keep its first place
  for (const p of pages) {
    for (const r of p.responses) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      responses.push(r);
    }
  }
  return { first, responses, responseCount: Math.max(pages.at(-1)!.responseCount, responses.length) };
}

/**
 * A response's comments, a page at a time: the first page came with the response (its first 10,
 * `nextComments` for the rest); `loadMore` asks for the next (`?response=<id>&afterComment=`). The
 * later pages are an infinite query of their own under the forum's key, started from the cursor the
 * response carried when more were first asked for, so a write's refresh refetches them too. The
 * cursor is a keyset over comment ids: after a write nothing is skipped, and a comment seen twice
 * (one deleted above it moves it onto the first page) is kept once.
 */
export function useResponseComments(courseKey: string, threadId: number, r: PostJson) {
  const [from, setFrom] = useState<string | null>(null);
  const more = useInfiniteQuery({
    queryKey: [...forumKey(courseKey), "comments", threadId, r.id, from],
    initialPageParam: from ?? "",
    queryFn: ({ pageParam }) => getJson<CommentPageJson>(`${base(courseKey)}/threads/${threadId}?response=${r.id}&afterComment=${encodeURIComponent(pageParam)}`),
    getNextPageParam: (last) => last.nextComments,
    enabled: from !== null,
  });
  const pages = from !== null ? (more.data?.pages ?? []) : [];
  const seen = new Set<number>();
  const comments: PostJson[] = [];
  for (const c of [...(r.comments ?? []), ...pages.flatMap((p) => p.comments)]) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    comments.push(c);
  }
  const total = Math.max(r.commentCount ?? 0, pages.at(-1)?.commentCount ?? 0, comments.length);
  const hasMore = pages.length ? more.hasNextPage : Boolean(r.nextComments);
  const loading = from !== null && (more.isLoading || more.isFetchingNextPage);
  /** Asks for the next page; false when there is none to ask for (or one is on its way). */
  const loadMore = (): boolean => {
    if (loading || !hasMore) return false;
    if (from === null) setFrom(r.nextComments ?? null);
    else void more.fetchNextPage({ cancelRefetch: false });
    return true;
  };
  return { comments, total, remaining: Math.max(0, total - comments.length), hasMore, loading, busy: from !== null && more.isFetching, error: from !== null && more.isError ? more.error : null, loadMore };
}

export function useNotifications(courseKey: string, enabled = true) {
  return useQuery({
    queryKey: [...forumKey(courseKey), "notifications"],
    queryFn: () => getJson<{ notifications: NotificationJson[]; unread: number }>(`${base(courseKey)}/notifications`),
    enabled,
    refetchInterval: 60_000,
  });
}

export interface ReportJson {
  id: number;
  threadId: number;
  postId: number | null;
  reason: string;
  reporter: string;
  threadTitle: string;
  excerpt: string;
  author: { username: string | null; name: string };
  deleted: boolean;
  createdAt: string;
}

export function useReports(courseKey: string, enabled: boolean) {
  return useQuery({ queryKey: [...forumKey(courseKey), "reports"], queryFn: () => getJson<{ reports: ReportJson[] }>(`${base(courseKey)}/reports`), enabled });
}

export interface EditJson {
  id: number;
  oldTitle: string | null;
  oldBodyMd: string;
  editor: string;
  createdAt: string;
}

export function useEditHistory(courseKey: string, threadId: number, postId: number | null, enabled: boolean) {
  return useQuery({
    queryKey: [...forumKey(courseKey), "history", threadId, postId],
    queryFn: () => getJson<{ edits: EditJson[] }>(`${base(courseKey)}/history?thread=${threadId}${postId ? `&post=${postId}` : ""}`),
    enabled,
  });
}

/** After a write: refetch every forum query of the course. */
export function useForumRefresh(courseKey: string) {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: forumKey(courseKey) }), [client, courseKey]);
}

const dtf = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
/** "Dec 6, 2026, 5:35 AM UTC" */
export function when(iso: string): string {
  return `${dtf.format(new Date(iso))} UTC`;
}
