"use server";
// Adds a response to a thread, or a comment to a response.
import { z } from "zod";
import { userAction } from "@/lib/actions";
import * as forum from "@/lib/forum/service";
import { courseKeyField, idField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  threadId: idField,
  parentId: idField.nullable().default(null),
  body: z.string().max(40_000),
  anonymity: z.enum(["none", "anonymous", "peers"]).default("none"),
});

export const createPostAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  return (await forum.createPost(f, { threadId: input.threadId, parentId: input.parentId, body: input.body, anonymity: input.anonymity })) ?? { done: true as const };
});
