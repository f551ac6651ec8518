"use server";
// Unenrolls the signed-in user from a course (idempotent); progress is kept for a later re-enroll.
import { z } from "zod";
import { userAction, fail } from "@/lib/actions";
import { getCourseByKey } from "@/lib/db/queries/catalog";
import { unenrollUser } from "@/lib/db/queries/enrollments";

const schema = z.object({ courseKey: z.string().min(1).max(255) });

export const unenrollCourseAction = userAction(schema, async ({ courseKey }, { user }) => {
  const course = await getCourseByKey({ courseKey });
  if (!course) {
    console.warn(`[lms] unenroll refused: unknown course ${JSON.stringify(courseKey)} (user ${user.id})`);
    return fail("not_found:course", "That course does not exist.");
  }
  return unenrollUser({ userId: user.id, courseId: course.id, actorId: user.id });
});
