"use server";
// Course team page: adds a user (by email or username) to the course's team as staff or instructor.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { changeCourseTeam } from "@/lib/db/queries/course-team";
import { courseKeySchema } from "@/lib/studio/schemas";
import { teamPath } from "@/lib/studio/paths";

const schema = z.object({
  courseKey: courseKeySchema,
  login: z.string().trim().min(1, "Enter an email address or a username.").max(254),
  role: z.enum(["staff", "instructor"], { message: "Choose staff or instructor." }),
});

export const addTeamMemberAction = courseAction(schema, "studio:manage-team", async (input, { user, course }) => {
  const r = await changeCourseTeam({ courseId: course.id, actorId: user.id, change: { kind: "add", login: input.login, role: input.role } });
  revalidatePath(teamPath(input.courseKey));
  return r;
});
