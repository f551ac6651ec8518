"use server";
// Course team page: makes a team member staff or instructor (the last instructor cannot be demoted).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { changeCourseTeam } from "@/lib/db/queries/course-team";
import { courseKeySchema } from "@/lib/studio/schemas";
import { teamPath } from "@/lib/studio/paths";

const schema = z.object({
  courseKey: courseKeySchema,
  userId: z.coerce.number().int().positive(),
  role: z.enum(["staff", "instructor"], { message: "Choose staff or instructor." }),
});

export const changeTeamRoleAction = courseAction(schema, "studio:manage-team", async (input, { user, course }) => {
  const r = await changeCourseTeam({ courseId: course.id, actorId: user.id, change: { kind: "set-role", userId: input.userId, role: input.role } });
  revalidatePath(teamPath(input.courseKey));
  return r;
});
