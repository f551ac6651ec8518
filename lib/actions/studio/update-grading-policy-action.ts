"use server";
// Grading: assignment types, grade cutoffs and grace period, written to the working copy's
// grading_policy.json and the course block's graceperiod (checked by lib/studio/grading-settings).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { courseKeySchema } from "@/lib/studio/schemas";
import { gradingPath } from "@/lib/studio/paths";
import { updateGradingPolicy } from "@/lib/studio/settings";

const num = z.number().finite();

const schema = z.object({
  courseKey: courseKeySchema,
  graders: z
    .array(z.object({ type: z.string().max(100), shortLabel: z.string().max(100), weight: num, minCount: num, dropCount: num }))
    .max(20, "At most 20 assignment types."),
  cutoffs: z.array(z.object({ name: z.string().max(50), percent: num })).max(10),
  grace: z.object({ hours: num, minutes: num }),
});

export const updateGradingPolicyAction = courseAction(schema, "studio:edit-course", async (input, { user, course }) => {
  const r = await updateGradingPolicy({ courseId: course.id, userId: user.id, form: { graders: input.graders, cutoffs: input.cutoffs, grace: input.grace } });
  revalidatePath(gradingPath(input.courseKey));
  return r;
});
