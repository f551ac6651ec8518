"use server";
// Handles a report from the moderation queue: dismiss it, or remove the post.
import { z } from "zod";
import { userAction } from "@/lib/actions";
import * as forum from "@/lib/forum/service";
import { courseKeyField, idField } from "./fields";

const schema = z.object({
  courseKey: courseKeyField,
  reportId: idField,
  resolution: z.enum(["dismissed", "removed"]),
});

export const resolveReportAction = userAction(schema, async (input) => {
  const f = await forum.loadForum(input.courseKey);
  return (await forum.resolveReport(f, { reportId: input.reportId, resolution: input.resolution })) ?? { done: true as const };
});
