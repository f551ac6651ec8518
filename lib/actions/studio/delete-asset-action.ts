"use server";
// Files page: deletes a course file from the working copy (gone for learners on publish); answers
// the components that still link to it.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { deleteFile } from "@/lib/studio/files";
import { courseKeySchema } from "@/lib/studio/schemas";
import { filesPath } from "@/lib/studio/paths";

const schema = z.object({ courseKey: courseKeySchema, path: z.string().min(1).max(512) });

export const deleteAssetAction = courseAction(schema, "studio:edit-course", async (input, { user, course }) => {
  const r = await deleteFile({ courseId: course.id, userId: user.id, path: input.path });
  revalidatePath(filesPath(input.courseKey));
  return r;
});
