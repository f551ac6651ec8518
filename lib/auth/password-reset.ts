// Password reset by a single-use link. Only the sha256 of the token is stored; the token itself
// exists only in the link that is mailed (or, without SMTP_URL, written to the server log).
// The same answer is given whether or not the address has an account.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/auth/passwords";
import {
  consumePasswordResetToken,
  countResetTokensSince,
  createPasswordResetToken,
  findValidPasswordResetToken,
  getUserByEmail,
} from "@/lib/db/queries/users";

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
/** At most this many links per account per hour; further requests are quietly dropped. */
export const RESET_MAX_PER_HOUR = 3;

export function hashResetToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export type ResetMail = { to: string; subject: string; text: string; link: string };
export type DeliverMail = (mail: ResetMail) => Promise<void>;

/** Sends by SMTP when SMTP_URL is set; otherwise writes the link to the server log. */
export const deliverResetMail: DeliverMail = async (mail) => {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) {
    console.log(`[atrium] password reset link for ${mail.to} (SMTP_URL not set): ${mail.link}`);
    return;
  }
  const nodemailer = await import("nodemailer");
  const transport = nodemailer.createTransport(SMTP_URL);
  await transport.sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
};

/** Creates a token and sends the link when the address belongs to an active account. */
export async function requestPasswordReset({
  email,
  baseUrl,
  deliver = deliverResetMail,
  now = new Date(),
}: {
  email: string;
  baseUrl: string;
  deliver?: DeliverMail;
  now?: Date;
}): Promise<{ sent: boolean }> {
  const user = await getUserByEmail({ email });
  if (!user || !user.isActive) return { sent: false };
  if ((await countResetTokensSince({ userId: user.id, since: new Date(Date.now() - 3600_000) })) >= RESET_MAX_PER_HOUR) return { sent: false };
  const token = randomBytes(32).toString("base64url");
  await createPasswordResetToken({ userId: user.id, tokenHash: hashResetToken(token), expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS) });
  const link = `${baseUrl.replace(/\/$/, "")}/password-reset/${token}`;
  await deliver({
    to: user.email,
    subject: "Reset your Atrium password",
    link,
    text: `Hello ${user.fullName},\n\nSomeone (hopefully you) asked to reset the password of your Atrium account "${user.username}".\nOpen this link within an hour to choose a new password:\n\n${link}\n\nIf you did not ask for this, ignore this message; your password stays the same.\n`,
  });
  return { sent: true };
}

export async function isResetTokenValid({ token }: { token: string }): Promise<boolean> {
  return (await findValidPasswordResetToken({ tokenHash: hashResetToken(token) })) !== null;
}

/** Sets the new password if the token is valid; signs out every session of that user. */
export async function resetPasswordWithToken({ token, newPassword }: { token: string; newPassword: string }): Promise<number | null> {
  return consumePasswordResetToken({ tokenHash: hashResetToken(token), passwordHash: await hashPassword(newPassword) });
}
