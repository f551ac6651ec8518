"use server";
// Unit page: adds a component (blank, or from a template's element) to a unit.
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { addComponent } from "@/lib/studio/service";
import { courseKeySchema, sameCourse, usageKeySchema } from "@/lib/studio/schemas";

const schema = z
  .object({
    courseKey: courseKeySchema,
    unitUsageKey: usageKeySchema,
    blockType: z.string().min(1).max(64),
    olx: z.string().max(2_000_000).optional(),
    position: z.number().int().min(0).optional(),
  })
  .superRefine(sameCourse(["unitUsageKey"]));

export const addComponentAction = courseAction(schema, "studio:edit-course", async (input, { user, course }) => {
  return addComponent({ ...input, courseId: course.id, userId: user.id });
});
