"use server";
// Export page: starts an export job of the course's published version (the archive goes to the
// content store; the page follows the job and then offers the download).
import { z } from "zod";
import { courseAction, fail } from "@/lib/actions";
import { startExportJob } from "@/lib/courses/export-jobs";
import { getCourseById } from "@/lib/db/queries/courses";
import { courseKeySchema } from "@/lib/studio/schemas";

const schema = z.object({ courseKey: courseKeySchema });

export const startExportAction = courseAction(schema, "studio:export-course", async (input, { user, course }) => {
  const row = await getCourseById({ id: course.id });
  if (!row?.publishedVersionId) return fail("invalid:export", "This course has no published version to export yet.");
  const { jobId } = await startExportJob({ courseKey: row.courseKey, userId: user.id });
  return { jobId };
});
