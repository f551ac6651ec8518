// Authorization for problem and staff actions: the caller's facts on the course, checked against
// the one permission matrix (lib/auth/permissions). Every action calls this before touching state.
import "server-only";
import { canCourse, type CourseAction } from "@/lib/auth/permissions";
import { actorOf, type SessionUser } from "@/lib/auth/session";
import { getPublishedCourseAndFacts, type PublishedCourse } from "@/lib/db/queries/problems";
import { AppError } from "@/lib/errors";

export async function authorizeCourseAction({
  user,
  courseId,
  courseKey,
  action,
}: {
  user: SessionUser | null;
  courseId?: number;
  courseKey?: string;
  action: CourseAction;
}): Promise<{ course: PublishedCourse; isStaff: boolean }> {
  const found = await getPublishedCourseAndFacts({ courseId, courseKey, userId: user?.id ?? null });
  if (!found) throw new AppError("not_found:course", "This course is not available.");
  const { course, facts } = found;
  const actor = actorOf(user);
  if (!canCourse(actor, action, facts)) {
    throw new AppError("forbidden:course", action === "course:submit-answer" ? "Enroll in this course to answer its problems." : "You do not have permission to do that in this course.");
  }
  return { course, isStaff: canCourse(actor, "course:view-staff-content", facts) };
}
