"use server";
// Returns one demand hint of a problem (they wrap around, as in Open edX; no score effect).
import { z } from "zod";
import { userAction } from "@/lib/actions";
import { getDemandHint } from "@/lib/problems";
import { authorizeCourseAction } from "@/lib/problems/access";

const schema = z.object({ courseId: z.number().int().positive(), usageKey: z.string().min(1).max(512), index: z.number().int().min(0).max(10_000) });

export const getDemandHintAction = userAction(schema, async ({ courseId, usageKey, index }, { user }) => {
  const { course, isStaff } = await authorizeCourseAction({ user, courseId, action: "course:view-courseware" });
  return getDemandHint({ courseId: course.id, usageKey, index, isStaff });
});
