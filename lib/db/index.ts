// One mysql2 pool per process (cached on globalThis so dev hot-reload does not leak
// connections) and the Drizzle handle over it. "planetscale" mode keeps relational queries
// free of LATERAL joins, which MariaDB does not parse.
import { drizzle, type MySql2Database } from "drizzle-orm/mysql2";
import mysql from "mysql2/promise";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = MySql2Database<typeof schema>;
/** A transaction handle, for functions that must run inside the caller's transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

type Cached = { pool: mysql.Pool; db: Db; url: string };
const g = globalThis as unknown as { __atriumDb?: Cached };

export function createPool(url: string, size = 10): mysql.Pool {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit: size,
    maxIdle: size,
    idleTimeout: 60_000,
    enableKeepAlive: true,
    timezone: "Z",
    dateStrings: false,
    supportBigNumbers: true,
    charset: "utf8mb4_unicode_ci",
    connectTimeout: 5_000,
    // mysql2's promise API captures a stack trace on every query, for errors only (about 2 % of a
    // graded submit's server CPU, measured). In production a database error keeps its message and
    // code, without the caller's frames; development and tests keep them.
    trace: process.env.NODE_ENV !== "production",
  });
  // GROUP_CONCAT lists (a reader's votes in a thread: lib/db/queries/forum.ts getThreadForReader)
  // may run past MySQL's 1 KB default (MariaDB's is 1 MB since 10.2), which truncates them
  // silently. Set before the connection's first query (a connection runs its commands in order).
  // (The promise pool hands this event the callback-style connection.)
  pool.on("connection", (conn) => {
    (conn as unknown as { query(sql: string, cb: (err: Error | null) => void): void }).query("SET SESSION group_concat_max_len = 1048576", () => undefined);
  });
  return pool;
}

export function createDb(pool: mysql.Pool): Db {
  return drizzle(pool, { schema, mode: "planetscale" });
}

/** The process-wide database handle. */
export function getDb(): Db {
  const url = env().DATABASE_URL;
  if (!g.__atriumDb || g.__atriumDb.url !== url) {
    const pool = createPool(url, env().DATABASE_POOL_SIZE);
    g.__atriumDb = { pool, db: createDb(pool), url };
  }
  return g.__atriumDb.db;
}

export function getPool(): mysql.Pool {
  getDb();
  return g.__atriumDb!.pool;
}

/** Closes the process-wide pool (scripts and tests call this before exiting). */
export async function closeDb(): Promise<void> {
  const cached = g.__atriumDb;
  g.__atriumDb = undefined;
  if (cached) await cached.pool.end();
}

export { schema };
