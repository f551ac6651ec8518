"use server";
// Staff switch between the staff view and "view as learner" (a cookie; only staff are affected).
import { z } from "zod";
import { cookies } from "next/headers";
import { userAction, fail } from "@/lib/actions";
import { loadCourseContext, VIEW_AS_LEARNER_COOKIE } from "@/lib/lms/course-context";

const schema = z.object({ courseKey: z.string().min(1).max(255), asLearner: z.boolean() });

export const setViewAsLearnerAction = userAction(schema, async ({ courseKey, asLearner }) => {
  const ctx = await loadCourseContext(courseKey);
  if (!ctx || !ctx.isStaff) return fail("forbidden:course", "Only course staff can switch views.");
  const jar = await cookies();
  if (asLearner) jar.set(VIEW_AS_LEARNER_COOKIE, "1", { path: "/", httpOnly: true, sameSite: "lax" });
  else jar.delete(VIEW_AS_LEARNER_COOKIE);
  return { asLearner };
});
