// Liveness + database check for load balancers and the README's recovery promise: 200 while
// `SELECT 1` answers, 503 with the reason while it does not. The pool reconnects by itself
// once the database is back, so the process never needs a restart.
import { checkDatabase } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const db = await checkDatabase();
  if (db.ok) return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
  return Response.json({ status: "error", reason: db.reason }, { status: 503, headers: { "cache-control": "no-store" } });
}
