"use server";
// Renders the problem editor's current OLX and grades the author's answers (nothing is saved).
import { z } from "zod";
import { courseAction } from "@/lib/actions";
import { MAX_ANSWER_CHARS, MAX_ANSWERS_TOTAL_CHARS } from "@/lib/problems";
import { previewProblem } from "@/lib/studio/problem-preview";

// One value may be as long as all answers together (a jsinput's state, an annotation's comment):
// validateAnswers then applies each input's own limit, with the learner's messages.
const answerValue = z.union([z.string().max(MAX_ANSWERS_TOTAL_CHARS), z.array(z.string().max(MAX_ANSWER_CHARS)).max(200)]);
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
