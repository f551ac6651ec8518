"use server";
// Staff: starts a job that rescores one problem for every learner who submitted it.
import { after } from "next/server";
import { z } from "zod";
import { userAction } from "@/lib/actions";
import { runRescoreJob, startRescoreJob } from "@/lib/problems";
import { authorizeCourseAction } from "@/lib/problems/access";

const schema = z.object({ courseId: z.number().int().positive(), usageKey: z.string().min(1).max(512) });

export const startRescoreAction = userAction(schema, async ({ courseId, usageKey }, { user }) => {
  const { course } = await authorizeCourseAction({ user, courseId, action: "course:rescore" });
  const jobId = await startRescoreJob({ courseId: course.id, courseKey: course.courseKey, usageKey, createdBy: user.id });
  // The job runs after the response; its progress lives in MySQL, so any instance can report it.
  after(() => runRescoreJob({ jobId }).catch((err) => console.error("[atrium] rescore job crashed", err)));
  return { jobId };
});
