import "server-only";
// Completion marks: one row per learner and completed component (or empty unit). Rows are keyed by
// usage key, which survives re-imports, so progress carries over to a new version.
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { completions } from "@/lib/db/schema";

export async function listCompletedKeys({ userId, courseId }: { userId: number; courseId: number }): Promise<Set<string>> {
  const rows = await getDb().select({ k: completions.usageKey }).from(completions).where(and(eq(completions.userId, userId), eq(completions.courseId, courseId)));
  return new Set(rows.map((r) => r.k));
}

export async function listCompletedKeysByCourse({ userId, courseIds }: { userId: number; courseIds: number[] }): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>();
  if (!courseIds.length) return out;
  const rows = await getDb()
    .select({ c: completions.courseId, k: completions.usageKey })
    .from(completions)
    .where(and(eq(completions.userId, userId), inArray(completions.courseId, courseIds)));
  for (const r of rows) {
    let s = out.get(r.c);
    if (!s) out.set(r.c, (s = new Set()));
    s.add(r.k);
  }
  return out;
}

/** Marks components complete; already-complete ones are left as they are. Returns how many were new. */
export async function markCompleted({ userId, courseId, usageKeys }: { userId: number; courseId: number; usageKeys: string[] }): Promise<number> {
  if (!usageKeys.length) return 0;
  const [res] = await getDb()
    .insert(completions)
    .ignore()
    .values(usageKeys.map((usageKey) => ({ userId, courseId, usageKey })));
  return res.affectedRows;
}
