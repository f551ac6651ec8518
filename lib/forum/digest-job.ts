import "server-only";
// The e-mail digest job (`npm run forum -- digest`; run it from cron, e.g. hourly). Not a request:
// it reads the unread, un-e-mailed notifications older than `minAgeMinutes` (a reply read in the
// app within that time is not e-mailed), sends one message per person through SMTP_URL and marks
// those notifications e-mailed, message by message, so a failure half-way never sends twice.
// Without SMTP_URL it sends nothing and marks nothing.
import { env } from "@/lib/env";
import { listDigestNotifications, markNotificationsEmailed } from "@/lib/db/queries/forum";
import { buildDigests, type DigestMail } from "./digest";

export type SendMail = (mail: { from: string; to: string; subject: string; text: string }) => Promise<void>;

async function smtpSender(url: string): Promise<SendMail> {
  const nodemailer = await import("nodemailer");
  const transport = nodemailer.createTransport(url);
  return async (m) => {
    await transport.sendMail(m);
  };
}

export async function runForumDigest({ baseUrl, now = new Date(), minAgeMinutes = 15, send }: { baseUrl: string; now?: Date; minAgeMinutes?: number; send?: SendMail }): Promise<{ skipped: string } | { sent: number; failed: number; notifications: number }> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!send && !SMTP_URL) return { skipped: "SMTP_URL is not set: no digest sent" };
  const deliver = send ?? (await smtpSender(SMTP_URL!));
  const items = await listDigestNotifications({ before: new Date(now.getTime() - minAgeMinutes * 60_000) });
  const mails: DigestMail[] = buildDigests(items, baseUrl);
  let sent = 0;
  let failed = 0;
  for (const m of mails) {
    try {
      await deliver({ from: MAIL_FROM, to: m.to, subject: m.subject, text: m.text });
      await markNotificationsEmailed({ ids: m.ids });
      sent++;
    } catch (err) {
      failed++;
      console.error(`[forum digest] could not send to ${m.to}:`, err instanceof Error ? err.message : err);
    }
  }
  return { sent, failed, notifications: items.length };
}
