"use server";
// Submits a learner's answers to one problem (graded on the server, one transaction).
import { z } from "zod";
import { userAction } from "@/lib/actions";
import { submitAnswer } from "@/lib/problems";
import { authorizeCourseAction } from "@/lib/problems/access";

const answerValue = z.union([z.string(), z.array(z.string())]);
const schema = z.object({
  courseId: z.number().int().positive(),
  usageKey: z.string().min(1).max(512),
  answers: z.record(z.string().max(300), answerValue),
});

export const submitProblemAction = userAction(schema, async ({ courseId, usageKey, answers }, { user }) => {
  const { course, isStaff } = await authorizeCourseAction({ user, courseId, action: "course:submit-answer" });
  return submitAnswer({ userId: user.id, courseId: course.id, usageKey, answers, isStaff, course });
});
