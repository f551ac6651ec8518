"use server";
// Renders the problem editor's current OLX and grades the author's answers (nothing is saved).
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { previewProblem } from "@/lib/studio/problem-preview";

const answerValue = z.union([z.string().max(2000), z.array(z.string().max(2000)).max(200)]);
const schema = z.object({
  courseKey: z.string().min(1).max(255),
  olx: z.string().min(1, "The problem is empty.").max(2_000_000),
  answers: z.record(z.string().max(300), answerValue).default({}),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  /** false = only render (the editor refreshing its preview); default true = grade the answers */
  grade: z.boolean().optional(),
});

export const previewProblemAction = courseAction(schema, "studio:edit-course", async ({ courseKey, olx, answers, seed, grade }) =>
  previewProblem({ courseKey, olx, answers, seed, grade: grade ?? true }),
);
