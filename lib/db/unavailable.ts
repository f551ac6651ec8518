// Is this error "the database cannot be reached right now" (down, restarting, refusing or dropping
// connections) rather than a bug? Callers turn it into a 503-kind `unavailable:database` with a
// message for the user; the mysql2 pool reconnects by itself once the database is back.
// Drizzle wraps driver errors (DrizzleQueryError.cause), so causes are followed a few levels.
const CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ER_SERVER_SHUTDOWN",
  "ER_CON_COUNT_ERROR",
  "ER_CONNECTION_KILLED",
  "POOL_CLOSED",
]);

export const DATABASE_UNAVAILABLE_MESSAGE = "The database is unavailable right now. Please try again in a few seconds.";

export function isDatabaseUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === "object"; depth++) {
    const x = e as { code?: unknown; fatal?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof x.code === "string" && CODES.has(x.code)) return true;
    if (typeof x.message === "string" && /Pool is closed|connection is in closed state/i.test(x.message)) return true;
    // AggregateError (happy-eyeballs connect): any refused address counts.
    if (Array.isArray(x.errors) && x.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    e = x.cause;
  }
  return false;
}
