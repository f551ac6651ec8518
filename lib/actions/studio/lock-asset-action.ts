"use server";
// Files page: locks or unlocks a course file in the working copy (live on publish; a locked file
// is served only to enrolled learners and the course team).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { setFileLocked } from "@/lib/studio/files";
import { courseKeySchema } from "@/lib/studio/schemas";
import { filesPath } from "@/lib/studio/paths";

const schema = z.object({ courseKey: courseKeySchema, path: z.string().min(1).max(512), locked: z.boolean() });

export const lockAssetAction = courseAction(schema, "studio:edit-course", async (input, { user, course }) => {
  const r = await setFileLocked({ courseId: course.id, userId: user.id, path: input.path, locked: input.locked });
  revalidatePath(filesPath(input.courseKey));
  return r;
});
