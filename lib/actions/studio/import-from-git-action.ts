"use server";
// Starts an import job from a Git repository (URL, branch or tag, folder): a new course from the
// Studio-wide import page, or a new version of this course from its import page (`courseKey`).
// Credentials never come from the page; the operator's settings hold them (lib/courses/git.ts).
import { z } from "zod";
import { fail, userAction } from "@/lib/actions";
import { canGlobal } from "@/lib/auth/permissions";
import { actorOf } from "@/lib/auth/session";
import { startImportJob } from "@/lib/courses";
import { checkGitSource } from "@/lib/courses/git-source";
import { requireCourseAction, requireStudioUser } from "@/lib/courses/studio-access";
import { env } from "@/lib/env";
import { courseKeySchema } from "@/lib/studio/schemas";

const schema = z.object({
  courseKey: z.union([courseKeySchema, z.literal("")]).optional(),
  url: z.string().max(1000, "That URL is too long."),
  ref: z.string().max(255, "That branch or tag name is too long.").optional().default(""),
  folder: z.string().max(500, "That folder path is too long.").optional().default(""),
});

export const importFromGitAction = userAction(schema, async (input, { user }) => {
  await requireStudioUser();
  const courseKey = input.courseKey || undefined;
  if (courseKey) {
    await requireCourseAction({ courseKey, action: "studio:import-course" });
  } else if (!canGlobal(actorOf(user), "studio:create-course")) {
    return fail("forbidden:course", "You may not create courses. To re-import a course you are on the team of, use its Import page.");
  }
  const checked = checkGitSource({ url: input.url, ref: input.ref, folder: input.folder }, { allowLocal: env().GIT_IMPORT_ALLOW_LOCAL });
  if (!checked.ok) return fail("invalid:input", "Please correct the highlighted fields.", checked.fieldErrors);
  const { jobId } = await startImportJob({ git: checked.source, userId: user.id, expectedCourseKey: courseKey });
  return { jobId };
});
