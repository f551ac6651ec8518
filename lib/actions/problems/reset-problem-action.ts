"use server";
// The learner's Reset on a problem (only where the problem's settings allow it).
import { z } from "zod";
import { userAction } from "@/lib/actions";
import { resetProblem } from "@/lib/problems";
import { authorizeCourseAction } from "@/lib/problems/access";

const schema = z.object({ courseId: z.number().int().positive(), usageKey: z.string().min(1).max(512) });

export const resetProblemAction = userAction(schema, async ({ courseId, usageKey }, { user }) => {
  const { course, isStaff } = await authorizeCourseAction({ user, courseId, action: "course:submit-answer" });
  const r = await resetProblem({ userId: user.id, courseId: course.id, usageKey, isStaff });
  return { attempts: r.attempts };
});
