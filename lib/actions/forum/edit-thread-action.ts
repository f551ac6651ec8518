"use server";
// Edits a thread's title and body (its author, or a moderator); the old text is kept.
import { z } from "zod";
import { userAction } from "@/lib/actions";
import * as forum from "@/lib/forum/service";
import { courseKeyField, idField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  threadId: idField,
  title: z.string().max(1000),
  body: z.string().max(40_000),
});

export const editThreadAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  return (await forum.editThread(f, { threadId: input.threadId, title: input.title, body: input.body })) ?? { done: true as const };
});
