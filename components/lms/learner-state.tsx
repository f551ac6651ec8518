"use client";
// The learner's own state in a course (GET /api/lms/courses/<key>/state), shared by the unit
// page's client islands through React Query: the page's server HTML depends only on the course
// version and the audience; marks, bookmarks and Resume arrive here. While it loads, the islands
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
}

export function LmsQueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 30_000 } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

export const learnerStateKey = (courseKey: string) => ["lms", "learner-state", courseKey] as const;

async function fetchState(courseKey: string): Promise<LearnerStateJson> {
  const res = await fetch(`/api/lms/courses/${encodeURIComponent(courseKey)}/state`, { credentials: "same-origin", cache: "no-store" });
  if (!res.ok) throw new Error(`state ${res.status}`);
  return (await res.json()) as LearnerStateJson;
}

export function useLearnerState(courseKey: string) {
  return useQuery({ queryKey: learnerStateKey(courseKey), queryFn: () => fetchState(courseKey) });
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
