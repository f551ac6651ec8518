"use server";
// Records that the caller has read a thread up to its latest post (unread counts).
import { z } from "zod";
import { userAction } from "@/lib/actions";
import { markThreadRead } from "@/lib/db/queries/forum";
import * as forum from "@/lib/forum/service";
import { courseKeyField, idField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  threadId: idField,
});

export const markThreadReadAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  const thread = await forum.threadFor(f, input.threadId);
  await markThreadRead({ userId: f.actor.userId, threadId: thread.id, courseId: f.courseId, seq: thread.postSeq });
  return { ok: true as const };
});
