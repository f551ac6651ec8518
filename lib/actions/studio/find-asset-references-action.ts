"use server";
// Files page: the components (with their unit) whose content links to /static/<path>, shown
// before a delete is confirmed.
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { findFileReferences } from "@/lib/studio/files";
import { courseKeySchema } from "@/lib/studio/schemas";

const schema = z.object({ courseKey: courseKeySchema, path: z.string().min(1).max(512) });

export const findAssetReferencesAction = courseAction(schema, "studio:edit-course", async (input, { course }) => ({
  references: await findFileReferences({ courseId: course.id, path: input.path }),
}));
