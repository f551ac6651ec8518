"use client";
// The learner's own state in a course (GET /api/lms/courses/<key>/state), shared by the client
// islands of the unit page and the course home through React Query: their server HTML depends
// only on the course version and the audience; marks, bookmarks, Resume and scores arrive here.
// The course home asks for its own parts too (?home=1: scores, marks, progress, Resume), and the unit page for its
// problems' state (?unit=<usage key>, LearnerStateUnit), each under its own query key, which the plain state key
// prefixes, so invalidating the state after a write refreshes them all. While it loads, the islands render their
// neutral state (no ✓, bookmark button disabled, problems readable but not yet answerable), so the page stays usable.
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import type { LearnerHomeJson, LearnerStateJson as ServerLearnerState, LearnerUnitJson } from "@/lib/lms/learner-state";

/** What GET …/state answers (lib/lms/learner-state.ts defines each part; types only reach the client). */
export interface LearnerStateJson extends ServerLearnerState {
  /** the course home's parts; only when asked for (?home=1) */
  home?: LearnerHomeJson;
  /** the unit page's parts; only when asked for (?unit=) */
  unit?: LearnerUnitJson;
}

export function LmsQueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 30_000 } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

export const learnerStateKey = (courseKey: string) => ["lms", "learner-state", courseKey] as const;
/** The state with the course home's parts: a key of its own, under learnerStateKey. */
export const learnerHomeStateKey = (courseKey: string) => [...learnerStateKey(courseKey), "home"] as const;
/** The state with one unit's parts, under learnerStateKey. */
export const learnerUnitStateKey = (courseKey: string, unitKey: string) => [...learnerStateKey(courseKey), "unit", unitKey] as const;

const UnitScope = createContext<string | null>(null);

/** On a unit page: the islands inside ask for the state with this unit's parts (one request for all of them). */
export function LearnerStateUnit({ unitKey, children }: { unitKey: string; children: ReactNode }) {
  return <UnitScope.Provider value={unitKey}>{children}</UnitScope.Provider>;
}

async function fetchState(courseKey: string, query: string): Promise<LearnerStateJson> {
  const url = `/api/lms/courses/${encodeURIComponent(courseKey)}/state${query}`;
  const res = await fetch(url, { credentials: "same-origin", cache: "no-store" });
  if (!res.ok) throw new Error(`state ${res.status}`);
  return (await res.json()) as LearnerStateJson;
}

export function useLearnerState(courseKey: string, { home = false }: { home?: boolean } = {}) {
  const unit = useContext(UnitScope);
  const [queryKey, query] = home
    ? [learnerHomeStateKey(courseKey), "?home=1"]
    : unit !== null
      ? [learnerUnitStateKey(courseKey, unit), `?unit=${encodeURIComponent(unit)}`]
      : [learnerStateKey(courseKey), ""];
  return useQuery({ queryKey, queryFn: () => fetchState(courseKey, query) });
}

/** After a write: refetch the state (completion marks, problems), or patch it in place (bookmarks). Stable across renders. */
export function useLearnerStateUpdates(courseKey: string) {
  const client = useQueryClient();
  return useMemo(
    () => ({
      refetch: () => client.invalidateQueries({ queryKey: learnerStateKey(courseKey) }),
      setBookmarked: (unitKey: string, on: boolean) =>
        client.setQueriesData<LearnerStateJson>({ queryKey: learnerStateKey(courseKey) }, (s) =>
          s ? { ...s, bookmarks: on ? [...new Set([...s.bookmarks, unitKey])] : s.bookmarks.filter((k) => k !== unitKey) } : s,
        ),
    }),
    [client, courseKey],
  );
}
