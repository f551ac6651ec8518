"use server";
// Outline and unit page: duplicates a block and everything inside it, right after the original.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { duplicateItem } from "@/lib/studio/service";
import { courseKeySchema, sameCourse, usageKeySchema } from "@/lib/studio/schemas";
import { outlinePath } from "@/lib/studio/paths";

const schema = z.object({ courseKey: courseKeySchema, usageKey: usageKeySchema }).superRefine(sameCourse(["usageKey"]));

export const duplicateItemAction = courseAction(schema, "studio:edit-course", async (input, { user, course }) => {
  const r = await duplicateItem({ ...input, courseId: course.id, userId: user.id });
  revalidatePath(outlinePath(input.courseKey));
  return r;
});
