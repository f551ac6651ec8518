"use server";
// Schedule & details: dates (UTC ISO, converted from the author's zone in the browser), pacing,
// about-page texts, course image, intro video, effort and language, written to the working copy.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { courseAction, fail } from "@/lib/actions";
import { EFFORT_MAX, isCourseFilePath, isLanguageCode, parseYoutubeId, validateCourseDates } from "@/lib/studio/course-details";
import { courseKeySchema, isoOrNull } from "@/lib/studio/schemas";
import { detailsPath } from "@/lib/studio/paths";
import { updateCourseDetails } from "@/lib/studio/settings";

const MAX_HTML = 200_000;

const schema = z.object({
  courseKey: courseKeySchema,
  start: isoOrNull,
  end: isoOrNull,
  enrollmentStart: isoOrNull,
  enrollmentEnd: isoOrNull,
  selfPaced: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
  shortDescription: z.string().max(10_000, "At most 10,000 characters."),
  overview: z.string().max(MAX_HTML, "The overview is too long."),
  effort: z.string().trim().max(EFFORT_MAX, `At most ${EFFORT_MAX} characters.`),
  introVideo: z
    .string()
    .trim()
    .max(300)
    .transform((v, ctx) => {
      if (!v) return "";
      const id = parseYoutubeId(v);
      if (!id) {
        ctx.addIssue({ code: "custom", message: "Enter a YouTube video id (11 characters) or a YouTube link." });
        return z.NEVER;
      }
      return id;
    }),
  language: z
    .string()
    .trim()
    .max(16)
    .refine((v) => !v || isLanguageCode(v), "Not a language code (e.g. en, fr, pt-br)."),
  courseImage: z
    .string()
    .trim()
    .max(512)
    .refine((v) => !v || isCourseFilePath(v), "Choose one of the course's files."),
});

export const updateCourseDetailsAction = courseAction(schema, "studio:edit-course", async (input, { user, course }) => {
  const dateErrors = validateCourseDates(input);
  if (Object.keys(dateErrors).length) return fail("invalid:input", "Some dates cannot go together; nothing was saved.", dateErrors as Record<string, string>);
  const r = await updateCourseDetails({ ...input, start: input.start!, courseId: course.id, userId: user.id });
  revalidatePath(detailsPath(input.courseKey));
  return r;
});
