// Every setting Atrium reads, validated once with zod. Nothing else reads process.env directly
// (scripts and tests may set variables before importing this module).
import { isIP } from "node:net";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

/** An http(s) origin ("https://host[:port]", no path); normalised to URL.origin. */
const origin = (scheme: "https" | "http(s)") =>
  z.string().transform((v, ctx) => {
    let u: URL | null = null;
    try {
      u = new URL(v.trim());
    } catch {
      /* reported below */
    }
    const schemes = scheme === "https" ? ["https:"] : ["https:", "http:"];
    if (!u || !schemes.includes(u.protocol) || (u.pathname !== "/" && u.pathname !== "") || u.search || u.hash || u.username) {
      ctx.addIssue({ code: "custom", message: `"${v}" is not an ${scheme} origin (scheme://host[:port], nothing after it)` });
      return z.NEVER;
    }
    return u.origin;
  });

/** Origins course HTML may iframe, unless COURSE_IFRAME_ORIGINS says otherwise: YouTube's embed players. */
export const DEFAULT_COURSE_IFRAME_ORIGINS = ["https://www.youtube.com", "https://youtube.com", "https://www.youtube-nocookie.com", "https://youtube-nocookie.com"];

/** The placeholder in .env.example: a copied example file must not run with a public secret. */
export const EXAMPLE_SECRET = "change-me-to-32-or-more-random-characters";

/**
 * Why a session secret is too weak to sign cookies with, or null. Anyone who knows the secret can
 * mint a session cookie for any account, so placeholders and low-entropy strings are refused.
 */
export function weakSecretReason(secret: string): string | null {
  const lower = secret.toLowerCase();
  if (secret === EXAMPLE_SECRET || /change-?me|replace-?me|your-?secret|placeholder|example/.test(lower)) {
    return "NEXTAUTH_SECRET is a placeholder: generate one, e.g. `openssl rand -hex 32`";
  }
  if (/^(.{1,16}?)\1+.{0,8}$/s.test(secret)) {
    return "NEXTAUTH_SECRET repeats a short pattern: generate one, e.g. `openssl rand -hex 32`";
  }
  if (new Set(secret).size < 12) {
    return "NEXTAUTH_SECRET has too few distinct characters: generate one, e.g. `openssl rand -hex 32`";
  }
  return null;
}

/** Comma-separated IP addresses or CIDR ranges (IPv4 or IPv6). */
const addressList = z
  .string()
  .default("127.0.0.0/8,::1/128")
  .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
  .superRefine((list, ctx) => {
    for (const entry of list) {
      const [addr, bits, extra] = entry.split("/");
      const family = isIP(addr);
      const max = family === 6 ? 128 : 32;
      if (!family || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max))) {
        ctx.addIssue({ code: "custom", message: `"${entry}" is not an IP address or CIDR range` });
      }
    }
  });

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string({ error: "DATABASE_URL is required (e.g. mysql://root@127.0.0.1:3306/atrium)" })
      .regex(/^mysql:\/\/[^\s]+$/, "DATABASE_URL must be a mysql:// URL"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    NEXTAUTH_SECRET: z
      .string({ error: "NEXTAUTH_SECRET is required (32+ random characters)" })
      .min(32, "NEXTAUTH_SECRET must be at least 32 characters")
      .superRefine((v, ctx) => {
        const reason = v.length >= 32 ? weakSecretReason(v) : null;
        if (reason) ctx.addIssue({ code: "custom", message: reason });
      }),
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
    /** Course discussions: most posts (threads, responses, comments) one learner may write per minute / per hour in one course. */
    FORUM_POSTS_PER_MINUTE: z.coerce.number().int().positive().default(5),
    FORUM_POSTS_PER_HOUR: z.coerce.number().int().positive().default(60),
    /** Course discussions: most live responses and comments one thread holds; a post beyond it is refused ("start a new thread"). */
    FORUM_MAX_POSTS_PER_THREAD: z.coerce.number().int().positive().default(10_000),
    // Import limits (defaults fit a 2 GB server; see .env.example).
    IMPORT_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(512 * 1024 ** 2),
    IMPORT_MAX_UNPACKED_BYTES: z.coerce.number().int().positive().default(1024 ** 3),
    IMPORT_MAX_FILES: z.coerce.number().int().positive().default(100_000),
    /** Largest single file a Studio author may upload into a course's files (bytes). */
    STUDIO_ASSET_MAX_BYTES: z.coerce.number().int().positive().default(50 * 1024 ** 2),
    IMPORT_MAX_TEXT_BYTES: z.coerce.number().int().positive().default(64 * 1024 ** 2),
    IMPORT_MAX_BLOCKS: z.coerce.number().int().positive().default(60_000),
    /** Warm Pyodide processes for course Python (lib/sandbox): each runs one job at a time, ~100 MB each. */
    SANDBOX_POOL_SIZE: z.coerce.number().int().min(1).max(64).default(2),
    // Courses from Git (Studio → Import → From a Git repository). Local paths and file:// URLs are
    // refused unless GIT_IMPORT_ALLOW_LOCAL; credentials come only from these settings.
    GIT_IMPORT_ALLOW_LOCAL: bool,
    /** Path to a git credential-store file (https://user:token@host lines) used for https clones. */
    GIT_IMPORT_CREDENTIALS: z.string().optional().or(z.literal("").transform(() => undefined)),
    /** Path to an SSH private key used for ssh:// and git@host:path clones. */
    GIT_IMPORT_SSH_KEY: z.string().optional().or(z.literal("").transform(() => undefined)),
    /** Longest one clone may take (milliseconds). */
    GIT_IMPORT_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
    /** Failures for one account from one client address before that address is refused for it. */
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(30),
    LOGIN_THROTTLE_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
    /** Failures for one account from all addresses before every new guess must wait (back-off). */
    LOGIN_ACCOUNT_BACKOFF_AFTER: z.coerce.number().int().positive().default(50),
    /** Longest wait between two guesses at an account under back-off. */
    LOGIN_ACCOUNT_BACKOFF_MAX_SECONDS: z.coerce.number().int().positive().default(60),
    ATRIUM_TRUST_PROXY: bool,
    // Browsers reach the site over https (directly or through a TLS-terminating proxy): send HSTS.
    ATRIUM_HTTPS: bool,
    // A separate origin for active course files (HTML, SVG, scripts…), routed to this same app.
    ASSET_ORIGIN: origin("http(s)")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    // Space- or comma-separated https origins that course HTML may iframe (also the pages' frame-src).
    COURSE_IFRAME_ORIGINS: z
      .string()
      .optional()
      .transform((v) => (v === undefined ? DEFAULT_COURSE_IFRAME_ORIGINS.join(",") : v))
      .pipe(
        z
          .string()
          .transform((v) => v.split(/[\s,]+/).filter(Boolean))
          .pipe(z.array(origin("https"))),
      ),
    /** With ATRIUM_TRUST_PROXY: the proxies whose X-Forwarded-For entries are believed. */
    ATRIUM_TRUSTED_PROXIES: addressList,
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
