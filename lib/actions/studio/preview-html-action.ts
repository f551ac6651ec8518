"use server";
// Renders a Text component's HTML exactly as learners will get it: the LMS's own link rewriting
// and sanitize-html (lib/lms/html.ts), with the course draft's files. Persists nothing.
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { getCourseByKey, listAssets } from "@/lib/db/queries/courses";
import { AppError } from "@/lib/errors";
import { buildAssetIndex, renderCourseHtml } from "@/lib/lms/html";

const schema = z.object({ courseKey: z.string().min(1).max(255), html: z.string().max(2_000_000) });

export const previewHtmlAction = courseAction(schema, "studio:edit-course", async ({ courseKey, html }) => {
  const course = await getCourseByKey({ courseKey });
  if (!course) throw new AppError("not_found:course", "That course does not exist.");
  const versionId = course.draftVersionId ?? course.publishedVersionId;
  const assets = versionId ? await listAssets({ versionId }) : [];
  return { html: renderCourseHtml(html, { courseKey, assets: buildAssetIndex(assets) }) };
});
