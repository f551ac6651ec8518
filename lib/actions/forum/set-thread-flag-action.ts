"use server";
// Pins/unpins or closes/reopens a thread: course staff and community TAs.
import { z } from "zod";
import { userAction } from "@/lib/actions";
import * as forum from "@/lib/forum/service";
import { courseKeyField, idField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  threadId: idField,
  flag: z.enum(["pinned", "closed"]),
  on: z.boolean(),
});

export const setThreadFlagAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  return (await forum.setThreadFlag(f, { threadId: input.threadId, flag: input.flag, on: input.on })) ?? { done: true as const };
});
