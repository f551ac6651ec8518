"use server";
// Marks some (or all) of the caller's forum notifications in a course as read.
import { z } from "zod";
import { userAction } from "@/lib/actions";
import { markNotificationsRead } from "@/lib/db/queries/forum";
import * as forum from "@/lib/forum/service";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const schema = z.object({
  courseKey: z.string().min(1).max(255),
  ids: z.union([z.literal("all"), z.array(id).max(200)]),
});

export const markNotificationsReadAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  await markNotificationsRead({ userId: f.actor.userId, courseId: f.courseId, ids: input.ids });
  return { ok: true as const };
});
