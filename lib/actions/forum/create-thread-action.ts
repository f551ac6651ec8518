"use server";
// Starts a thread (a discussion or a question) in a topic of the course forum.
import { z } from "zod";
import { userAction } from "@/lib/actions";
import * as forum from "@/lib/forum/service";
import { courseKeyField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  topicId: z.string().min(1).max(255),
  kind: z.enum(["discussion", "question"]),
  title: z.string().max(1000),
  body: z.string().max(40_000),
  anonymity: z.enum(["none", "anonymous", "peers"]).default("none"),
});

export const createThreadAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  return (await forum.createThread(f, { topicId: input.topicId, kind: input.kind, title: input.title, body: input.body, anonymity: input.anonymity })) ?? { done: true as const };
});
