"use server";
// Advanced settings: course-block policy keys, each sent as its editor's text and checked by
// lib/studio/advanced-settings (one bad value refuses the save; nothing changes).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { courseKeySchema } from "@/lib/studio/schemas";
import { advancedPath } from "@/lib/studio/paths";
import { updateAdvancedSettings } from "@/lib/studio/settings";

const schema = z.object({
  courseKey: courseKeySchema,
  edits: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, "Not a setting name."), z.string().max(100_000))
    .refine((r) => Object.keys(r).length <= 500, "Too many settings."),
});

export const updateAdvancedSettingsAction = courseAction(schema, "studio:edit-course", async (input, { user, course }) => {
  const r = await updateAdvancedSettings({ courseId: course.id, userId: user.id, edits: input.edits });
  revalidatePath(advancedPath(input.courseKey));
  return r;
});
