"use server";
// Unit page: returns a unit to its published state ("Discard changes").
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { discardChanges } from "@/lib/studio/service";
import { courseKeySchema, sameCourse, usageKeySchema } from "@/lib/studio/schemas";
import { outlinePath } from "@/lib/studio/paths";

const schema = z.object({ courseKey: courseKeySchema, usageKey: usageKeySchema }).superRefine(sameCourse(["usageKey"]));

export const discardChangesAction = courseAction(schema, "studio:edit-course", async (input, { user, course }) => {
  await discardChanges({ ...input, courseId: course.id, userId: user.id });
  revalidatePath(outlinePath(input.courseKey));
  return {};
});
