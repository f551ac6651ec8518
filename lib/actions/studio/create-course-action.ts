"use server";
// Studio home: creates a new course (course-v1:ORG+NUMBER+RUN); the creator becomes its instructor.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fail, userAction } from "@/lib/actions";
import { canGlobal } from "@/lib/auth/permissions";
import { actorOf } from "@/lib/auth/session";
import { courseKeyPart } from "@/lib/studio/schemas";
import { createCourse } from "@/lib/studio/service";

const schema = z.object({
  org: courseKeyPart("organization"),
  number: courseKeyPart("course number"),
  run: courseKeyPart("course run"),
  displayName: z.string().trim().min(1, "Enter the course name.").max(255, "The course name is at most 255 characters."),
  start: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z");
      const d = new Date(/^\d{4}-\d\d-\d\d$/.test(v) ? `${v}T00:00:00Z` : v);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: "custom", message: "Enter a valid start date." });
        return z.NEVER;
      }
      return d;
    }),
});

export const createCourseAction = userAction(schema, async (input, { user }) => {
  if (!canGlobal(actorOf(user), "studio:create-course")) {
    return fail("forbidden:create-course", "Your account cannot create courses. Ask an administrator for the course creator right.");
  }
  const { courseKey } = await createCourse({ ...input, userId: user.id });
  revalidatePath("/studio");
  return { courseKey };
});
