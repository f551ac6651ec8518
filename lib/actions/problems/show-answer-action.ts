"use server";
// Reveals a problem's answers and explanation when its showanswer setting allows it now.
import { z } from "zod";
import { userAction } from "@/lib/actions";
import { showAnswer } from "@/lib/problems";
import { authorizeCourseAction } from "@/lib/problems/access";

const schema = z.object({ courseId: z.number().int().positive(), usageKey: z.string().min(1).max(512) });

export const showAnswerAction = userAction(schema, async ({ courseId, usageKey }, { user }) => {
  const { course, isStaff } = await authorizeCourseAction({ user, courseId, action: "course:view-courseware" });
  return showAnswer({ userId: user.id, courseId: course.id, usageKey, isStaff });
});
