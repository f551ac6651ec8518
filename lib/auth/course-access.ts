// Loads the CourseFacts the permission matrix (lib/auth/permissions.ts) needs for one user and
// one course. Anonymous visitors (userId null) have no roles and no enrollment.
import "server-only";
import type { CourseFacts } from "@/lib/auth/permissions";
import { getCourseCatalogVisibility, getCourseRolesOfUser, isActivelyEnrolled } from "@/lib/db/queries/course-access";

export async function getCourseFacts({ userId, courseId }: { userId: number | null; courseId: number }): Promise<CourseFacts> {
  const [roles, enrolled, catalogVisibility] = await Promise.all([
    userId === null ? Promise.resolve([]) : getCourseRolesOfUser({ userId, courseId }),
    userId === null ? Promise.resolve(false) : isActivelyEnrolled({ userId, courseId }),
    getCourseCatalogVisibility({ courseId }),
  ]);
  return { roles, enrolled, catalogVisibility: catalogVisibility ?? undefined };
}
