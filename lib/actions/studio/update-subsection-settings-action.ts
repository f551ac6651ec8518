"use server";
// Outline: a subsection's release date, due date, "graded as" and hide-from-learners.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { updateSubsectionSettings } from "@/lib/studio/service";
import { courseKeySchema, isoOrNull, sameCourse, usageKeySchema } from "@/lib/studio/schemas";
import { outlinePath } from "@/lib/studio/paths";

const schema = z
  .object({
    courseKey: courseKeySchema,
    usageKey: usageKeySchema,
    start: isoOrNull,
    due: isoOrNull,
    format: z.union([z.string().trim().max(128), z.null()]).transform((v) => (v ? v : null)),
    visibleToStaffOnly: z.boolean(),
  })
  .superRefine(sameCourse(["usageKey"]));

export const updateSubsectionSettingsAction = courseAction(schema, "studio:edit-course", async (input, { user, course }) => {
  const r = await updateSubsectionSettings({ ...input, courseId: course.id, userId: user.id });
  revalidatePath(outlinePath(input.courseKey));
  return r;
});
