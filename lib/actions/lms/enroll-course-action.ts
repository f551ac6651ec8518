"use server";
// Enrolls the signed-in user in a course (idempotent), respecting the enrollment window,
// invitation-only courses and catalog visibility; staff bypass the window.
import { z } from "zod";
import { userAction, fail } from "@/lib/actions";
import { getCourseFacts } from "@/lib/auth/course-access";
import { actorOf } from "@/lib/auth/session";
import { canCourse } from "@/lib/auth/permissions";
import { getCourseByKey } from "@/lib/db/queries/catalog";
import { enrollUser, isInvited } from "@/lib/db/queries/enrollments";
import { ENROLL_BLOCK_MESSAGE, enrollmentBlock } from "@/lib/lms/dates";
import { courseHref } from "@/lib/lms/urls";

const schema = z.object({ courseKey: z.string().min(1).max(255) });

export const enrollCourseAction = userAction(schema, async ({ courseKey }, { user }) => {
  const course = await getCourseByKey({ courseKey });
  if (!course || !course.publishedVersionId) {
    console.warn(`[lms] enroll refused: unknown course ${JSON.stringify(courseKey)} (user ${user.id})`);
    return fail("not_found:course", "That course does not exist.");
  }
  const facts = await getCourseFacts({ userId: user.id, courseId: course.id });
  const actor = actorOf(user);
  const staff = canCourse(actor, "course:view-staff-content", facts);
  const invited = course.invitationOnly || course.catalogVisibility === "none" ? await isInvited({ courseId: course.id, email: user.email }) : false;
  if (!staff) {
    if (!canCourse(actor, "course:enroll", facts)) return fail("forbidden:course", "You cannot enroll in this course.");
    // A course hidden from the catalog and the about page takes invited learners only.
    if (course.catalogVisibility === "none" && !invited) return fail("forbidden:course", "This course is not open for enrollment.");
    const block = enrollmentBlock(course, new Date(), invited);
    if (block) return fail(`forbidden:${block}`, ENROLL_BLOCK_MESSAGE[block]);
  }
  const { changed } = await enrollUser({ userId: user.id, courseId: course.id, actorId: user.id });
  return { changed, href: courseHref(course.courseKey) };
});
