"use server";
// Outline and unit page: deletes a block and everything inside it from the draft.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { deleteItem } from "@/lib/studio/service";
import { courseKeySchema, sameCourse, usageKeySchema } from "@/lib/studio/schemas";
import { outlinePath } from "@/lib/studio/paths";

const schema = z.object({ courseKey: courseKeySchema, usageKey: usageKeySchema }).superRefine(sameCourse(["usageKey"]));

export const deleteItemAction = courseAction(schema, "studio:edit-course", async (input, { user, course }) => {
  await deleteItem({ ...input, courseId: course.id, userId: user.id });
  revalidatePath(outlinePath(input.courseKey));
  return {};
});
