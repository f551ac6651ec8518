"use server";
// Edits a response or comment (its author, or a moderator); the old text is kept.
import { z } from "zod";
import { userAction } from "@/lib/actions";
import * as forum from "@/lib/forum/service";
import { courseKeyField, idField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  postId: idField,
  body: z.string().max(40_000),
});

export const editPostAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  return (await forum.editPost(f, { postId: input.postId, body: input.body })) ?? { done: true as const };
});
