"use server";
// Re-run: a new course (new run, optionally new org/number/name) from the source course's latest
// published version, every date shifted by a number of days (or to a new start date).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { courseAction, fail } from "@/lib/actions";
import { canGlobal } from "@/lib/auth/permissions";
import { actorOf } from "@/lib/auth/session";
import { getCourseById } from "@/lib/db/queries/courses";
import { createRerun } from "@/lib/db/queries/rerun";
import { dayOffset } from "@/lib/studio/rerun";
import { courseKeyPart, courseKeySchema } from "@/lib/studio/schemas";

const MAX_DAYS = 36_500;

const schema = z.object({
  courseKey: courseKeySchema,
  org: courseKeyPart("organization"),
  number: courseKeyPart("course number"),
  run: courseKeyPart("course run"),
  displayName: z.string().trim().min(1, "Enter the course name.").max(255, "The course name is at most 255 characters."),
  offsetDays: z
    .union([z.string(), z.number()])
    .optional()
    .transform((v, ctx) => {
      const s = typeof v === "number" ? String(v) : (v ?? "").trim();
      if (s === "") return 0;
      if (!/^[+-]?\d+$/.test(s) || Math.abs(Number(s)) > MAX_DAYS) {
        ctx.addIssue({ code: "custom", message: `Enter a whole number of days between -${MAX_DAYS} and ${MAX_DAYS}.` });
        return z.NEVER;
      }
      return Number(s);
    }),
  newStart: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const d = new Date(/^\d{4}-\d\d-\d\d$/.test(v) ? `${v}T00:00:00Z` : v);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: "custom", message: "Enter a valid start date." });
        return z.NEVER;
      }
      return d;
    }),
});

// Viewing the source course is checked by courseAction; creating a course is a site-wide right.
export const rerunCourseAction = courseAction(schema, "studio:view-course", async (input, { user, course }) => {
  if (!canGlobal(actorOf(user), "studio:create-course")) {
    return fail("forbidden:create-course", "Your account cannot create courses, so it cannot re-run one. Ask an administrator for the course creator right.");
  }
  const source = await getCourseById({ id: course.id });
  if (!source) return fail("not_found:course", "That course does not exist.");
  // A picked start date decides the offset (from the source course's start, whole days).
  let days = input.offsetDays;
  if (input.newStart) {
    if (!source.start) return fail("invalid:input", "Please correct the highlighted fields.", { newStart: "The course has no start date; enter the number of days instead." });
    days = dayOffset(source.start, input.newStart);
    if (Math.abs(days) > MAX_DAYS) return fail("invalid:input", "Please correct the highlighted fields.", { newStart: "That date is too far from the course's start." });
  }
  const to = { org: input.org, number: input.number, run: input.run };
  if (`course-v1:${to.org}+${to.number}+${to.run}` === source.courseKey) {
    return fail("invalid:input", "Please correct the highlighted fields.", { run: "A re-run needs a new course run (or organization or number)." });
  }
  const out = await createRerun({ sourceCourseId: source.id, to, displayName: input.displayName, days, userId: user.id });
  revalidatePath("/studio");
  return { courseKey: out.courseKey, versionId: out.versionId, days };
});
