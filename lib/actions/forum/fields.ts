// The input fields every forum action shares (zod), validated by the action helpers (lib/actions).
import { z } from "zod";

/** A course key as the forum's routes and actions take it. */
export const courseKeyField = z.string().min(1).max(255);
/** A thread, post, report or notification id (form values arrive as strings). */
export const idField = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
