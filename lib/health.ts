// The database probe behind GET /api/health. Bounded in time: a hung server must not hang the
// probe. Errors are turned into a short reason (no credentials, no stack).
import "server-only";
import { getPool } from "@/lib/db";

const TIMEOUT_MS = 3_000;

export async function checkDatabase(): Promise<{ ok: true } | { ok: false; reason: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`database did not answer within ${TIMEOUT_MS} ms`), { code: "TIMEOUT" })), TIMEOUT_MS);
    });
    await Promise.race([getPool().query("SELECT 1"), timeout]);
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  } finally {
    clearTimeout(timer);
  }
}

function reasonOf(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: { code?: string }[] };
  const code = e?.code ?? e?.errors?.[0]?.code;
  const message = (e?.message ?? "").replace(/mysql:\/\/[^\s]*/g, "mysql://…");
  if (code === "ECONNREFUSED") return "database unreachable (connection refused)";
  if (code === "ETIMEDOUT" || code === "TIMEOUT") return `database timeout${message ? `: ${message}` : ""}`;
  if (code) return `database error ${code}${message && !message.includes(code) ? `: ${message}` : ""}`;
  return message ? `database error: ${message}` : "database error";
}
