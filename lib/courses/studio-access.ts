// Server-side authorization for Studio's import/export routes and pages: loads who is asking and
// their facts on a course, then asks the one permission matrix (lib/auth/permissions.ts).
import "server-only";
import { canCourse, canGlobal, type CourseAction } from "@/lib/auth/permissions";
import { getCourseFacts } from "@/lib/auth/course-access";
import { actorOf, getCurrentUser, type SessionUser } from "@/lib/auth/session";
import { getCourseByKey, type CourseRow } from "@/lib/db/queries/courses";
import { userHasAnyCourseRole } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";

/** Route params arrive percent-encoded in some paths (":" and "+" in course keys). */
export function decodeCourseKey(raw: string): string {
  let key = raw;
  try {
    if (/%[0-9A-Fa-f]{2}/.test(key)) key = decodeURIComponent(key);
  } catch {
    throw new AppError("invalid:course-key", "That course key is not valid.");
  }
  if (!/^course-v1:[^+\s]+\+[^+\s]+\+[^+\s]+$/.test(key)) throw new AppError("not_found:course", `There is no course ${key.slice(0, 200)}.`);
  return key;
}

/** The signed-in user allowed into Studio, or an AppError (unauthorized/forbidden). */
export async function requireStudioUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "Please sign in to use Studio.");
  const anyRole = await userHasAnyCourseRole({ userId: user.id });
  if (!canGlobal(actorOf(user), "studio:access", { hasAnyCourseRole: anyRole })) {
    throw new AppError("forbidden:studio", "Your account does not have access to Studio.");
  }
  return user;
}

/** Loads a course and checks the current user may do `action` on it. */
export async function requireCourseAction({ courseKey, action }: { courseKey: string; action: CourseAction }): Promise<{ user: SessionUser; course: CourseRow }> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "Please sign in to use Studio.");
  const course = await getCourseByKey({ courseKey });
  if (!course) throw new AppError("not_found:course", `There is no course ${courseKey}.`);
  const facts = await getCourseFacts({ userId: user.id, courseId: course.id });
  if (!canCourse(actorOf(user), action, facts)) throw new AppError("forbidden:course", "You are not on this course's team.");
  return { user, course };
}
