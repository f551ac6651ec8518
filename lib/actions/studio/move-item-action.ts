"use server";
// Outline (drag and drop, keyboard) and unit page: moves a block to a parent and position.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { moveItem } from "@/lib/studio/service";
import { courseKeySchema, sameCourse, usageKeySchema } from "@/lib/studio/schemas";
import { outlinePath } from "@/lib/studio/paths";

const schema = z
  .object({ courseKey: courseKeySchema, usageKey: usageKeySchema, parentUsageKey: usageKeySchema, position: z.number().int().min(0) })
  .superRefine(sameCourse(["usageKey", "parentUsageKey"]));

export const moveItemAction = courseAction(schema, "studio:edit-course", async (input, { user, course }) => {
  await moveItem({ ...input, courseId: course.id, userId: user.id });
  revalidatePath(outlinePath(input.courseKey));
  return {};
});
