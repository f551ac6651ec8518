"use server";
// Staff: resets an enrolled learner's attempts on one problem (their score stays).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/actions";
import { resetLearnerAttempts } from "@/lib/problems";
import { authorizeCourseAction } from "@/lib/problems/access";

const schema = z.object({ courseId: z.number().int().positive(), usageKey: z.string().min(1).max(512), learnerId: z.number().int().positive() });

export const resetLearnerAttemptsAction = userAction(schema, async ({ courseId, usageKey, learnerId }, { user }) => {
  const { course } = await authorizeCourseAction({ user, courseId, action: "course:reset-attempts" });
  const r = await resetLearnerAttempts({ learnerId, courseId: course.id, usageKey });
  revalidatePath(`/courses/${encodeURIComponent(course.courseKey)}/instructor`);
  return r;
});
