"use server";
// Bookmarks or un-bookmarks a unit the caller can see.
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { userAction, fail } from "@/lib/actions";
import { addBookmark, removeBookmark } from "@/lib/db/queries/bookmarks";
import { getLearnerView } from "@/lib/db/queries/courseware";
import { loadCourseContext } from "@/lib/lms/course-context";

const schema = z.object({
  courseKey: z.string().min(1).max(255),
  unitKey: z.string().min(1).max(512),
  bookmarked: z.boolean(),
});

export const toggleBookmarkAction = userAction(schema, async ({ courseKey, unitKey, bookmarked }, { user }) => {
  const ctx = await loadCourseContext(courseKey);
  if (!ctx || !ctx.canViewCourseware) {
    console.warn(`[lms] bookmark refused: user ${user.id} has no courseware access to ${JSON.stringify(courseKey)}`);
    return fail("forbidden:course", "You are not enrolled in this course.");
  }
  if (bookmarked) {
    const visible = getLearnerView({ version: ctx.version, viewer: ctx.viewer }).units.some((u) => u.unit.usageKey === unitKey);
    if (!visible) {
      console.warn(`[lms] bookmark refused: user ${user.id} sent unknown or hidden unit ${JSON.stringify(unitKey)} for ${courseKey}`);
      return fail("not_found:block", "That unit does not exist.");
    }
    await addBookmark({ userId: user.id, courseId: ctx.course.id, usageKey: unitKey });
  } else {
    await removeBookmark({ userId: user.id, courseId: ctx.course.id, usageKey: unitKey });
  }
  revalidatePath("/bookmarks");
  return { bookmarked };
});
