"use server";
// Outline and unit page: renames a section, subsection, unit or component in place.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { renameItem } from "@/lib/studio/service";
import { courseKeySchema, sameCourse, usageKeySchema } from "@/lib/studio/schemas";
import { outlinePath } from "@/lib/studio/paths";

const schema = z
  .object({ courseKey: courseKeySchema, usageKey: usageKeySchema, displayName: z.string().trim().min(1, "Enter a name.").max(255) })
  .superRefine(sameCourse(["usageKey"]));

export const renameItemAction = courseAction(schema, "studio:edit-course", async (input, { user, course }) => {
  const r = await renameItem({ ...input, courseId: course.id, userId: user.id });
  revalidatePath(outlinePath(input.courseKey));
  return r;
});
