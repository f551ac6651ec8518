// Shared by every Studio page of one course: sign in, load the course and authorize one action on
// the server, or answer with a "no access" page (saying what the team alone may do) / not found.
import "server-only";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { Notice, PageHeader } from "@/components/ui";
import type { CourseAction } from "@/lib/auth/permissions";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { decodeCourseKey, requireCourseAction } from "@/lib/courses/studio-access";
import type { CourseRow } from "@/lib/db/queries/courses";
import { isAppError } from "@/lib/errors";

export async function courseForPage(
  raw: string,
  action: CourseAction,
  nextPath: string,
  /** the end of "You are not on this course’s team…", e.g. ", so you cannot manage its files" */
  refusal = "",
): Promise<{ ok: true; user: SessionUser; course: CourseRow } | { ok: false; page: ReactNode }> {
  await requireUser(nextPath);
  try {
    const { user, course } = await requireCourseAction({ courseKey: decodeCourseKey(raw), action });
    return { ok: true, user, course };
  } catch (err) {
    if (isAppError(err) && err.code.startsWith("not_found")) notFound();
    if (isAppError(err) && err.code.startsWith("forbidden")) {
      return {
        ok: false,
        page: (
          <>
            <PageHeader title="Course not available" />
            <Notice tone="error" title="No access">
              <p>You are not on this course’s team{refusal}.</p>
            </Notice>
          </>
        ),
      };
    }
    throw err;
  }
}
