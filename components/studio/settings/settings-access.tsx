// Server helper of the three settings pages: signs in, authorizes "studio:edit-course" on the
// course (the actions authorize again), answers not-found or a plain "no access" page.
import "server-only";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { Notice, PageHeader } from "@/components/ui";
import { requireUser } from "@/lib/auth/session";
import { decodeCourseKey, requireCourseAction } from "@/lib/courses/studio-access";
import { isAppError } from "@/lib/errors";

export type SettingsAccess = { ok: true; course: { id: number; courseKey: string; displayName: string; publishedVersionId: number | null } } | { ok: false; page: ReactNode };

export async function settingsAccess(raw: string, path: string): Promise<SettingsAccess> {
  await requireUser(`/studio/courses/${raw}/settings/${path}`);
  try {
    const { course } = await requireCourseAction({ courseKey: decodeCourseKey(raw), action: "studio:edit-course" });
    return { ok: true, course };
  } catch (err) {
    if (isAppError(err) && err.code.startsWith("not_found")) notFound();
    if (isAppError(err) && err.code.startsWith("forbidden")) {
      return {
        ok: false,
        page: (
          <>
            <PageHeader title="Course not available" />
            <Notice tone="error" title="No access">
              <p>You are not on this course’s team, so you cannot change its settings.</p>
            </Notice>
          </>
        ),
      };
    }
    throw err;
  }
}
