"use server";
// Outline and unit page: publishes a unit, subsection, section or (no usageKey) the whole course.
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { runRegradeJob } from "@/lib/studio/regrade";
import { publish } from "@/lib/studio/service";
import { courseKeySchema, sameCourse, usageKeySchema } from "@/lib/studio/schemas";
import { outlinePath } from "@/lib/studio/paths";

const schema = z.object({ courseKey: courseKeySchema, usageKey: usageKeySchema.optional() }).superRefine(sameCourse(["usageKey"]));

export const publishAction = courseAction(schema, "studio:edit-course", async (input, { user, course }) => {
  const r = await publish({ courseId: course.id, userId: user.id, usageKey: input.usageKey ?? null });
  // grades follow a changed grading policy: the job runs after the response, its state in MySQL
  const jobId = r.regradeJobId;
  if (jobId !== null) after(() => runRegradeJob({ jobId }).catch((err) => console.error("[atrium] regrade job crashed", err)));
  revalidatePath(outlinePath(input.courseKey));
  revalidatePath(`/courses/${encodeURIComponent(input.courseKey)}`, "layout");
  return r;
});
