import "server-only";
// Per-learner content choices (library_content picks, split_test groups): read in one query per
// learner and course, written only when a pick is new or changed.
import { and, eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db";
import { learnerContentChoices } from "@/lib/db/schema";

export type ChoiceValue = string[] | number;

export async function listContentChoices({ userId, courseId, db = getDb() }: { userId: number; courseId: number; db?: DbOrTx }): Promise<Map<string, ChoiceValue>> {
  const rows = await db
    .select({ k: learnerContentChoices.choiceKey, v: learnerContentChoices.value })
    .from(learnerContentChoices)
    .where(and(eq(learnerContentChoices.userId, userId), eq(learnerContentChoices.courseId, courseId)));
  return new Map(rows.map((r) => [r.k, r.v]));
}

export async function saveContentChoices({ userId, courseId, choices, db = getDb() }: { userId: number; courseId: number; choices: Map<string, ChoiceValue>; db?: DbOrTx }): Promise<void> {
  if (!choices.size) return;
  await db
    .insert(learnerContentChoices)
    .values([...choices].map(([choiceKey, value]) => ({ userId, courseId, choiceKey, value })))
    .onDuplicateKeyUpdate({ set: { value: sql`VALUES(${sql.identifier("value")})` } });
}
