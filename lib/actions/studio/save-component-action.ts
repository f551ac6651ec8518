"use server";
// Unit page: saves a component's content, refusing a save based on an outdated revision (conflict:block).
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { saveComponent } from "@/lib/studio/service";
import { courseKeySchema, sameCourse, usageKeySchema } from "@/lib/studio/schemas";

const content = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("html"), displayName: z.string().max(255), html: z.string().max(5_000_000) }),
  z.object({ kind: z.literal("olx"), olx: z.string().min(1).max(5_000_000), markdown: z.string().max(2_000_000).nullable().optional() }),
]);

const schema = z
  .object({ courseKey: courseKeySchema, usageKey: usageKeySchema, baseRevision: z.string().min(1).max(64) })
  .and(content)
  .superRefine(sameCourse(["usageKey"]));

export const saveComponentAction = courseAction(schema, "studio:edit-course", async (input, { user, course }) => {
  const c =
    input.kind === "html"
      ? { kind: "html" as const, displayName: input.displayName, html: input.html }
      : { kind: "olx" as const, olx: input.olx, ...(input.markdown !== undefined ? { markdown: input.markdown } : {}) };
  return saveComponent({ courseId: course.id, userId: user.id, courseKey: input.courseKey, usageKey: input.usageKey, baseRevision: input.baseRevision, content: c });
});
