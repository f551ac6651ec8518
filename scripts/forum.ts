// npm run forum -- digest [--min-age <minutes>] [--base-url <url>]
// Sends the course discussions' e-mail digest (lib/forum/digest-job.ts): one message per person
// with their unread replies, when SMTP_URL is set; without it, says so and sends nothing.
import "@/scripts/lib/load-env"; // first: .env before any setting is read
import { closeDb } from "@/lib/db";
import { env } from "@/lib/env";
import { runForumDigest } from "@/lib/forum/digest-job";

const USAGE = "usage: npm run forum -- digest [--min-age <minutes>] [--base-url <url>]";

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd !== "digest") {
    console.error(USAGE);
    return 2;
  }
  let minAge = 15;
  let baseUrl = env().NEXTAUTH_URL ?? "http://localhost:3000";
  for (let i = 0; i < rest.length; i++) {
    const v = rest[i + 1];
    if (rest[i] === "--min-age" && v && /^\d+$/.test(v)) {
      minAge = Number(v);
      i++;
    } else if (rest[i] === "--base-url" && v && /^https?:\/\//.test(v)) {
      baseUrl = v;
      i++;
    } else {
      console.error(`unknown or malformed option ${rest[i]}\n${USAGE}`);
      return 2;
    }
  }
  const r = await runForumDigest({ baseUrl, minAgeMinutes: minAge });
  if ("skipped" in r) console.log(r.skipped);
  else console.log(`forum digest: ${r.sent} message(s) sent, ${r.failed} failed, covering ${r.notifications} notification(s)`);
  return "failed" in r && r.failed > 0 ? 1 : 0;
}

main(process.argv.slice(2))
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (err) => {
    console.error(err instanceof Error ? err.message : err);
    await closeDb().catch(() => undefined);
    process.exit(1);
  });
