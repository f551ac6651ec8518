// zod pieces shared by Studio's server actions (one action per file in lib/actions/studio/).
// A usage key must name a block of the course the action is authorized on: a caller authorized
// on course A can never reach a block of course B by sending B's key with A's course key.
import { z } from "zod";

export const courseKeySchema = z.string().regex(/^course-v1:[^+\s]+\+[^+\s]+\+[^+\s]+$/, "Not a course key.").max(255);

export const usageKeySchema = z.string().min(1).max(512).regex(/^block-v1:[^+\s]+\+[^+\s]+\+[^+\s]+\+type@[A-Za-z0-9_-]+\+block@[^\s]+$/, "Not a block key.");

/** Refines an object with courseKey + the named usage-key fields: each key must be in that course. */
export function sameCourse<T extends { courseKey: string }>(fields: Array<keyof T & string>) {
  return (v: T, ctx: z.RefinementCtx) => {
    const body = v.courseKey.slice("course-v1:".length);
    for (const f of fields) {
      const k = v[f];
      if (typeof k === "string" && !k.startsWith(`block-v1:${body}+type@`)) {
        ctx.addIssue({ code: "custom", path: [f], message: "That block is not in this course." });
      }
    }
  };
}

/** ISO date/time, or null/"" for none. */
export const isoOrNull = z
  .union([z.string(), z.null()])
  .transform((v, ctx) => {
    if (v === null || v.trim() === "") return null;
    const d = new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(v) || !v.includes("T") ? v : `${v}Z`);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter a valid date." });
      return z.NEVER;
    }
    return d.toISOString().replace(/\.\d{3}Z$/, "Z");
  });

/** One part of a course key (Open edX: letters, numbers, "_", "-" and "."; no spaces, keys go into URLs). */
export const courseKeyPart = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(64, `The ${label} is at most 64 characters.`)
    .regex(/^[A-Za-z0-9_.-]+$/, `The ${label} may use letters, numbers, "_", "-" and "." only.`);
