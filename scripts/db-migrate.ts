// npm run db:migrate — creates the configured database if needed and applies drizzle/ migrations.
import "@/scripts/lib/load-env"; // first: .env before any setting is read
import { env } from "@/lib/env";
import { migrateDatabase } from "@/lib/db/migrate";

async function main() {
  const url = env().DATABASE_URL;
  await migrateDatabase(url);
  console.log(`Migrated ${url.replace(/\/\/[^@]*@/, "//")}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
