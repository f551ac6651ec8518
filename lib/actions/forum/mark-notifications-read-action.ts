"use server";
// Marks some (or all) of the caller's forum notifications in a course as read.
import { z } from "zod";
import { userAction } from "@/lib/actions";
import { markNotificationsRead } from "@/lib/db/queries/forum";
import * as forum from "@/lib/forum/service";
import { courseKeyField, idField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  ids: z.union([z.literal("all"), z.array(idField).max(200)]),
});

export const markNotificationsReadAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  await markNotificationsRead({ userId: f.actor.userId, courseId: f.courseId, ids: input.ids });
  return { ok: true as const };
});
