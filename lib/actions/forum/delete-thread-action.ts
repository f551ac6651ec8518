"use server";
// Deletes a thread (its author, or a moderator).
import { z } from "zod";
import { userAction } from "@/lib/actions";
import * as forum from "@/lib/forum/service";
import { courseKeyField, idField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  threadId: idField,
});

export const deleteThreadAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  return (await forum.deleteThread(f, { threadId: input.threadId })) ?? { done: true as const };
});
