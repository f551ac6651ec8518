// Every setting Atrium reads, validated once with zod. Nothing else reads process.env directly
// (scripts and tests may set variables before importing this module).
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string({ error: "DATABASE_URL is required (e.g. mysql://root@127.0.0.1:3306/atrium)" })
      .regex(/^mysql:\/\/[^\s]+$/, "DATABASE_URL must be a mysql:// URL"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    NEXTAUTH_SECRET: z
      .string({ error: "NEXTAUTH_SECRET is required (32+ random characters)" })
      .min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
    NEXTAUTH_URL: z.string().url("NEXTAUTH_URL must be a URL").optional(),
    CONTENT_STORE: z.enum(["disk", "gridfs"]).default("disk"),
    CONTENT_DIR: z.string().min(1).default("./var/content"),
    MONGODB_URL: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, "MONGODB_URL must be a mongodb:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    MONGODB_DB: z.string().min(1).default("atrium"),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("Atrium <no-reply@localhost>"),
    IMPORT_MAX_UNPACKED_BYTES: z.coerce.number().int().positive().default(2 * 1024 ** 3),
    IMPORT_MAX_FILES: z.coerce.number().int().positive().default(100_000),
    /** Largest single file a Studio author may upload into a course's files (bytes). */
    STUDIO_ASSET_MAX_BYTES: z.coerce.number().int().positive().default(50 * 1024 ** 2),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(30),
    LOGIN_THROTTLE_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
    ATRIUM_TRUST_PROXY: bool,
  })
  .superRefine((v, ctx) => {
    if (v.CONTENT_STORE === "gridfs" && !v.MONGODB_URL) {
      ctx.addIssue({ code: "custom", path: ["MONGODB_URL"], message: "MONGODB_URL is required when CONTENT_STORE=gridfs" });
    }
  });

export type Env = z.infer<typeof schema>;

/** Parses an environment; throws an Error whose message names every bad setting. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid Atrium configuration:\n${lines.join("\n")}\nSee .env.example for every setting.`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated settings of this process (read on first use). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
