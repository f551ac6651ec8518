"use server";
// Up-votes a thread or post, or takes the vote back.
import { z } from "zod";
import { userAction } from "@/lib/actions";
import * as forum from "@/lib/forum/service";
import { courseKeyField, idField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  target: z.enum(["thread", "post"]),
  id: idField,
  on: z.boolean(),
});

export const voteAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  return (await forum.vote(f, { target: input.target, id: input.id, on: input.on })) ?? { done: true as const };
});
