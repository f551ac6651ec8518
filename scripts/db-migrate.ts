// npm run db:migrate — creates the configured database if needed and applies drizzle/ migrations,
// then asks again whether problems stored as unsupported can be answered by this release
// (lib/courses/problem-analysis.ts).
import "@/scripts/lib/load-env"; // first: .env before any setting is read
import { env } from "@/lib/env";
import { migrateDatabase } from "@/lib/db/migrate";
import { closeDb } from "@/lib/db";
import { closeContentStore } from "@/lib/content";
import { refreshProblemAnalysis } from "@/lib/courses/problem-analysis";

async function main() {
  const url = env().DATABASE_URL;
  await migrateDatabase(url);
  console.log(`Migrated ${url.replace(/\/\/[^@]*@/, "//")}`);
  const p = await refreshProblemAnalysis();
  if (p.checked) console.log(`Problems stored as unsupported: ${p.checked} definitions checked, ${p.nowSupported} now supported (${p.rows} block rows updated)`);
  await closeDb();
  await closeContentStore();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
