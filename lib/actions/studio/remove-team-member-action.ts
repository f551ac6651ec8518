"use server";
// Course team page: removes a member from the course's team (never its last instructor).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { changeCourseTeam } from "@/lib/db/queries/course-team";
import { courseKeySchema } from "@/lib/studio/schemas";
import { teamPath } from "@/lib/studio/paths";

const schema = z.object({ courseKey: courseKeySchema, userId: z.coerce.number().int().positive() });

export const removeTeamMemberAction = courseAction(schema, "studio:manage-team", async (input, { user, course }) => {
  const r = await changeCourseTeam({ courseId: course.id, actorId: user.id, change: { kind: "remove", userId: input.userId } });
  revalidatePath(teamPath(input.courseKey));
  return r;
});
