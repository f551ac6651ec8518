"use server";
// Endorses (or un-endorses) a response: course staff and community TAs.
import { z } from "zod";
import { userAction } from "@/lib/actions";
import * as forum from "@/lib/forum/service";
import { courseKeyField, idField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  postId: idField,
  on: z.boolean(),
});

export const endorsePostAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  return (await forum.endorse(f, { postId: input.postId, on: input.on })) ?? { done: true as const };
});
