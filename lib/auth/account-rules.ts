// The rules for account fields, as zod schemas shared by the register/account/reset actions.
// Names may hold any text (HTML, quotes, emoji): React escapes them when shown. Lengths are
// counted in characters the way MySQL's utf8mb4 varchar counts them (code points).
import { z } from "zod";
import { passwordProblem } from "@/lib/auth/passwords";

const chars = (s: string) => Array.from(s).length;
// Control characters (except none) would make names unreadable and break e-mail headers.
const CONTROL = new RegExp("[\\u0000-\\u001f\\u007f]");

export const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "Use an email address of at most 254 characters.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));

export const usernameSchema = z
  .string()
  .trim()
  .min(1, "Choose a username.")
  .regex(/^[A-Za-z0-9_-]+$/, "Use only letters, digits, _ and - in the username.")
  .min(2, "Use at least 2 characters in the username.")
  .max(30, "Use at most 30 characters in the username.");

export const fullNameSchema = z
  .string()
  .trim()
  .min(1, "Enter your full name.")
  .refine((s) => chars(s) <= 255, "Use at most 255 characters for your full name.")
  .refine((s) => !CONTROL.test(s), "The name contains characters that cannot be shown.");

export const passwordSchema = z.string().superRefine((pw, ctx) => {
  const problem = passwordProblem(pw);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const registerSchema = z.object({
  email: emailSchema,
  username: usernameSchema,
  fullName: fullNameSchema,
  password: passwordSchema,
  callbackUrl: z.string().optional(),
});

export const profileSchema = z.object({ fullName: fullNameSchema });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords do not match." });

export const requestResetSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({
    token: z.string().min(10).max(200),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords do not match." });
