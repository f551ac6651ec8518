"use server";
// Follows or unfollows a thread (replies in it then reach the follower's notifications).
import { z } from "zod";
import { userAction } from "@/lib/actions";
import * as forum from "@/lib/forum/service";
import { courseKeyField, idField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  threadId: idField,
  on: z.boolean(),
});

export const followThreadAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  return (await forum.follow(f, { threadId: input.threadId, on: input.on })) ?? { done: true as const };
});
