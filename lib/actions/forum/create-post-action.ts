"use server";
// Adds a response to a thread, or a comment to a response.
import { z } from "zod";
import { userAction } from "@/lib/actions";
import * as forum from "@/lib/forum/service";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const schema = z.object({
  courseKey: z.string().min(1).max(255),
  threadId: id,
  parentId: id.nullable().default(null),
  body: z.string().max(40_000),
  anonymity: z.enum(["none", "anonymous", "peers"]).default("none"),
});

export const createPostAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  return (await forum.createPost(f, { threadId: input.threadId, parentId: input.parentId, body: input.body, anonymity: input.anonymity })) ?? { done: true as const };
});
