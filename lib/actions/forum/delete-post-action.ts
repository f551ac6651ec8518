"use server";
// Deletes a response (with its comments) or a comment (its author, or a moderator).
import { z } from "zod";
import { userAction } from "@/lib/actions";
import * as forum from "@/lib/forum/service";
import { courseKeyField, idField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  postId: idField,
});

export const deletePostAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  return (await forum.deletePost(f, { postId: input.postId })) ?? { done: true as const };
});
