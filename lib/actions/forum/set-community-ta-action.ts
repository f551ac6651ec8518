"use server";
// Grants or revokes the course's community TA role (a learner who moderates): course staff only.
import { z } from "zod";
import { userAction } from "@/lib/actions";
import * as forum from "@/lib/forum/service";
import { courseKeyField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  login: z.string().trim().min(1, "Enter a username or email.").max(254),
  on: z.boolean(),
});

export const setCommunityTAAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  return (await forum.setCommunityTA(f, { login: input.login, on: input.on })) ?? { done: true as const };
});
