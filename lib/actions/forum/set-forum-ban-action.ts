"use server";
// Bans a user from posting in the course's discussions, or lifts the ban: course staff only.
import { z } from "zod";
import { userAction } from "@/lib/actions";
import * as forum from "@/lib/forum/service";
import { courseKeyField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  login: z.string().trim().min(1, "Enter a username or email.").max(254),
  on: z.boolean(),
  reason: z.string().max(2000).optional(),
});

export const setForumBanAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  return (await forum.setBan(f, { login: input.login, on: input.on, reason: input.reason })) ?? { done: true as const };
});
