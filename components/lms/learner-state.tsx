"use client";
// The learner's own state in a course (GET /api/lms/courses/<key>/state), shared by the client
// islands of the unit page and the course home through React Query: their server HTML depends
// only on the course version and the audience; marks, bookmarks, Resume and scores arrive here.
// The course home asks for its own parts too (?home=1: scores, marks, progress, Resume) under its own query key, which
// the plain state key prefixes, so invalidating the state after a write refreshes both. While it loads, the islands
// render their neutral state (no ✓, bookmark button disabled), so the page stays usable.
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState, type ReactNode } from "react";

export interface LearnerStateJson {
  enrolled: boolean;
  isStaff: boolean;
  viewingAsLearner: boolean;
  completed: string[];
  bookmarks: string[];
  lastUnitKey: string | null;
  /** the course home's parts; only when asked for (?home=1) */
  home?: {
    scores: Record<string, { earned: number; possible: number }>;
    /** usage keys of the complete units, subsections and sections */
    complete: string[];
    percent: number;
    resumeHref: string | null;
  };
}

export function LmsQueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 30_000 } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

export const learnerStateKey = (courseKey: string) => ["lms", "learner-state", courseKey] as const;
/** The state with the course home's parts: a key of its own, under learnerStateKey. */
export const learnerHomeStateKey = (courseKey: string) => [...learnerStateKey(courseKey), "home"] as const;

async function fetchState(courseKey: string, home: boolean): Promise<LearnerStateJson> {
  const url = `/api/lms/courses/${encodeURIComponent(courseKey)}/state${home ? "?home=1" : ""}`;
  const res = await fetch(url, { credentials: "same-origin", cache: "no-store" });
  if (!res.ok) throw new Error(`state ${res.status}`);
  return (await res.json()) as LearnerStateJson;
}

export function useLearnerState(courseKey: string, { home = false }: { home?: boolean } = {}) {
  return useQuery({
    queryKey: home ? learnerHomeStateKey(courseKey) : learnerStateKey(courseKey),
    queryFn: () => fetchState(courseKey, home),
  });
}

/** After a write: refetch the state (completion marks), or patch it in place (bookmarks). Stable across renders. */
export function useLearnerStateUpdates(courseKey: string) {
  const client = useQueryClient();
  return useMemo(
    () => ({
      refetch: () => client.invalidateQueries({ queryKey: learnerStateKey(courseKey) }),
      setBookmarked: (unitKey: string, on: boolean) =>
        client.setQueryData<LearnerStateJson>(learnerStateKey(courseKey), (s) =>
          s ? { ...s, bookmarks: on ? [...new Set([...s.bookmarks, unitKey])] : s.bookmarks.filter((k) => k !== unitKey) } : s,
        ),
    }),
    [client, courseKey],
  );
}
