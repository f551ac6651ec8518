"use server";
// Unit page: the current content of a component (after a conflict, or to open its editor).
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { getComponentEditorData } from "@/lib/studio";
import { courseKeySchema, sameCourse, usageKeySchema } from "@/lib/studio/schemas";

const schema = z.object({ courseKey: courseKeySchema, usageKey: usageKeySchema }).superRefine(sameCourse(["usageKey"]));

export const getComponentAction = courseAction(schema, "studio:view-course", async (input, { course }) => {
  return getComponentEditorData({ courseId: course.id, usageKey: input.usageKey });
});
