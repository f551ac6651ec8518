// Creates the database named in a mysql:// URL if needed and applies the committed migrations.
import path from "node:path";
import mysql from "mysql2/promise";
import { migrate } from "drizzle-orm/mysql2/migrator";
import { createDb, createPool } from "./index";

export function splitDatabaseUrl(url: string): { serverUrl: string; database: string } {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`Database name must be [A-Za-z0-9_]+, got "${database}"`);
  u.pathname = "/";
  return { serverUrl: u.toString(), database };
}

export async function createDatabase(url: string): Promise<void> {
  const { serverUrl, database } = splitDatabaseUrl(url);
  const conn = await mysql.createConnection({ uri: serverUrl, connectTimeout: 5_000 });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const { serverUrl, database } = splitDatabaseUrl(url);
  const conn = await mysql.createConnection({ uri: serverUrl, connectTimeout: 5_000 });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await conn.end();
  }
}

export async function migrateDatabase(url: string): Promise<void> {
  await createDatabase(url);
  const pool = createPool(url, 2);
  try {
    // Beside this checkout's code, not the working directory: CLIs may run from anywhere.
    await migrate(createDb(pool), { migrationsFolder: path.resolve(__dirname, "../../drizzle") });
  } finally {
    await pool.end();
  }
}
