// One throwaway MariaDB database per test run: created and migrated before the tests, dropped
// after. Test files reach it through DATABASE_URL (lib/env) and must use unique names for what
// they create, since files run in parallel.
import { randomBytes } from "node:crypto";
import { dropDatabase, migrateDatabase } from "../lib/db/migrate";

export default async function setup() {
  const server = process.env.TEST_DATABASE_SERVER_URL ?? "mysql://root@127.0.0.1:3306";
  const host = new URL(server).hostname;
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) throw new Error(`Refusing to run tests against non-local database host ${host}`);
  const name = `atrium_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const url = `${server.replace(/\/$/, "")}/${name}`;
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("hex"); // never a weak one from .env
  process.env.CONTENT_DIR = `/tmp/${name}-content`;
  return async () => {
    await dropDatabase(url);
    const { rm } = await import("node:fs/promises");
    await rm(`/tmp/${name}-content`, { recursive: true, force: true });
  };
}
