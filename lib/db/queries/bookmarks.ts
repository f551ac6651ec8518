import "server-only";
// Unit bookmarks per learner.
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { bookmarks, courses } from "@/lib/db/schema";

export async function isBookmarked({ userId, courseId, usageKey }: { userId: number; courseId: number; usageKey: string }): Promise<boolean> {
  const rows = await getDb()
    .select({ id: bookmarks.id })
    .from(bookmarks)
    .where(and(eq(bookmarks.userId, userId), eq(bookmarks.courseId, courseId), eq(bookmarks.usageKey, usageKey)))
    .limit(1);
  return rows.length > 0;
}

export async function addBookmark({ userId, courseId, usageKey }: { userId: number; courseId: number; usageKey: string }): Promise<void> {
  await getDb().insert(bookmarks).values({ userId, courseId, usageKey }).onDuplicateKeyUpdate({ set: { usageKey } });
}

export async function removeBookmark({ userId, courseId, usageKey }: { userId: number; courseId: number; usageKey: string }): Promise<void> {
  await getDb().delete(bookmarks).where(and(eq(bookmarks.userId, userId), eq(bookmarks.courseId, courseId), eq(bookmarks.usageKey, usageKey)));
}

export async function listBookmarksByUserId({ userId }: { userId: number }) {
  return getDb()
    .select({
      usageKey: bookmarks.usageKey,
      createdAt: bookmarks.createdAt,
      courseId: courses.id,
      courseKey: courses.courseKey,
      courseName: courses.displayName,
      versionId: courses.publishedVersionId,
    })
    .from(bookmarks)
    .innerJoin(courses, eq(courses.id, bookmarks.courseId))
    .where(eq(bookmarks.userId, userId))
    .orderBy(desc(bookmarks.createdAt), desc(bookmarks.id));
}
