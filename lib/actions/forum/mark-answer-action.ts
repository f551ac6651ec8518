"use server";
// Marks (or unmarks) a response as the answer to a question: its asker, or a moderator.
import { z } from "zod";
import { userAction } from "@/lib/actions";
import * as forum from "@/lib/forum/service";
import { courseKeyField, idField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  postId: idField,
  on: z.boolean(),
});

export const markAnswerAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  return (await forum.markAnswer(f, { postId: input.postId, on: input.on })) ?? { done: true as const };
});
