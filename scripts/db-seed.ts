// npm run db:seed — creates (or repairs) the demo accounts and prints their logins. Idempotent:
// running it again leaves one row per account, with the documented flags and a working password.
import "@/scripts/lib/load-env"; // first: .env before any setting is read
import { env } from "@/lib/env";
import { closeDb } from "@/lib/db";
import { seedDemoUsers, DEMO_USERS } from "@/lib/auth/seed";

async function main() {
  env(); // fail early, naming any bad setting
  const results = await seedDemoUsers();
  console.log("Demo logins (email or username + password):");
  for (const u of DEMO_USERS) {
    const r = results.find((x) => x.username === u.username);
    console.log(`  ${u.role.padEnd(8)} ${u.email.padEnd(22)} username ${u.username.padEnd(8)} password ${u.password}   (${r?.action ?? "?"})`);
  }
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
