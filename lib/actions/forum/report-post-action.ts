"use server";
// Reports a thread or post to the course's moderators.
import { z } from "zod";
import { userAction } from "@/lib/actions";
import * as forum from "@/lib/forum/service";
import { courseKeyField, idField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  threadId: idField,
  postId: idField.nullable().default(null),
  reason: z.string().max(2000),
});

export const reportPostAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  return (await forum.report(f, { threadId: input.threadId, postId: input.postId, reason: input.reason })) ?? { done: true as const };
});
