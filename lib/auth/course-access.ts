// Loads the CourseFacts the permission matrix (lib/auth/permissions.ts) needs for one user and
// one course. Anonymous visitors (userId null) have no roles and no enrollment.
import "server-only";
import type { CourseFacts } from "@/lib/auth/permissions";
import { getCourseFactsRow } from "@/lib/db/queries/course-access";

/** One query (roles, active enrollment, catalog visibility); a course that does not exist has none of them. */
export async function getCourseFacts({ userId, courseId }: { userId: number | null; courseId: number }): Promise<CourseFacts> {
  const row = await getCourseFactsRow({ userId, courseId });
  return { roles: row?.roles ?? [], enrolled: row?.enrolled ?? false, catalogVisibility: row?.catalogVisibility };
}
