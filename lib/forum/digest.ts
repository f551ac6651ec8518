// The forum's e-mail digest (PURE): unread, un-e-mailed notifications grouped into one message
// per person, course by course, thread by thread. The job that loads them, sends the messages
// and marks them e-mailed is lib/forum/digest-job.ts (`npm run forum -- digest`); it runs only
// when SMTP is configured. An anonymous replier is "Someone" here: e-mails go to peers.
import { discussionHref } from "@/lib/lms/urls";
import type { DigestRow } from "@/lib/db/queries/forum";
import { notificationText } from "./views";

/** One unread notification with what its e-mail line needs (the job reads them in this shape). */
export type DigestItem = DigestRow;

export interface DigestMail {
  to: string;
  subject: string;
  text: string;
  /** the notifications this message covers (marked e-mailed once it is sent) */
  ids: number[];
}

export function buildDigests(items: readonly DigestItem[], baseUrl: string): DigestMail[] {
  const byUser = new Map<number, DigestItem[]>();
  for (const it of items) byUser.set(it.userId, [...(byUser.get(it.userId) ?? []), it]);
  const base = baseUrl.replace(/\/$/, "");
  const mails: DigestMail[] = [];
  for (const list of byUser.values()) {
    const first = list[0];
    const lines = [`Hello ${first.fullName.trim() || first.username},`, "", `There ${list.length === 1 ? "is 1 new reply" : `are ${list.length} new replies`} in your course discussions:`, ""];
    const byCourse = new Map<string, DigestItem[]>();
    for (const it of list) byCourse.set(it.courseKey, [...(byCourse.get(it.courseKey) ?? []), it]);
    for (const [courseKey, cs] of byCourse) {
      lines.push(`${cs[0].courseName}`);
      const byThread = new Map<number, DigestItem[]>();
      for (const it of cs) byThread.set(it.threadId, [...(byThread.get(it.threadId) ?? []), it]);
      for (const [threadId, ts] of byThread) {
        lines.push(`  “${oneLine(ts[0].threadTitle)}” — ${base}${discussionHref(courseKey)}?thread=${threadId}`);
        for (const it of ts) {
          const actor = it.actorAnonymity === "none" ? it.actorFullName.trim() || it.actorUsername : "Someone";
          lines.push(`    - ${notificationText(it.kind, oneLine(actor))}`);
        }
      }
      lines.push("");
    }
    lines.push("You receive this because you posted in or follow these threads. Unfollow a thread in the discussion to stop its replies.");
    mails.push({ to: first.email, subject: list.length === 1 ? "1 new reply in your course discussions" : `${list.length} new replies in your course discussions`, text: lines.join("\n"), ids: list.map((i) => i.id) });
  }
  return mails;
}

/** Learner-written text in a plain-text mail: one line, no control characters, bounded. */
function oneLine(s: string): string {
  const t = s.replace(/[\u0000-\u001F\u007F]+/g, " ").trim();
  return t.length > 140 ? `${t.slice(0, 139)}…` : t;
}
