"use server";
// Outline: New section / New subsection / New unit.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { addOutlineItem } from "@/lib/studio/service";
import { courseKeySchema, sameCourse, usageKeySchema } from "@/lib/studio/schemas";
import { outlinePath } from "@/lib/studio/paths";

const schema = z
  .object({
    courseKey: courseKeySchema,
    parentUsageKey: usageKeySchema,
    blockType: z.enum(["chapter", "sequential", "vertical"]),
    displayName: z.string().trim().max(255).optional(),
    position: z.number().int().min(0).optional(),
  })
  .superRefine(sameCourse(["parentUsageKey"]));

export const addOutlineItemAction = courseAction(schema, "studio:edit-course", async (input, { user, course }) => {
  const { usageKey } = await addOutlineItem({ ...input, courseId: course.id, userId: user.id });
  revalidatePath(outlinePath(input.courseKey));
  return { usageKey };
});
