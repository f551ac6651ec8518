"use server";
// Files page: which of the files about to be uploaded would replace an existing file (asked
// before uploading, so the author confirms the replacement).
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { existingFileNames } from "@/lib/studio/files";
import { courseKeySchema } from "@/lib/studio/schemas";

const schema = z.object({ courseKey: courseKeySchema, names: z.array(z.string().min(1).max(512)).min(1).max(100) });

export const checkAssetNamesAction = courseAction(schema, "studio:edit-course", async (input, { course }) => ({
  existing: await existingFileNames({ courseId: course.id, names: input.names }),
}));
