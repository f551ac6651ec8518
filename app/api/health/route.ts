// Liveness + database check for load balancers and the README's recovery promise: 200 while
// `SELECT 1` answers, 503 with the reason while it does not. The pool reconnects by itself
// once the database is back, so the process never needs a restart. While the process shuts
// down (SIGTERM, lib/shutdown.ts) it answers 503 "draining" so balancers stop choosing it.
import { checkDatabase } from "@/lib/health";
import { isDraining } from "@/lib/shutdown";

export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

export async function GET() {
  if (isDraining()) return Response.json({ status: "draining", reason: "this instance is shutting down" }, { status: 503, headers: noStore });
  const db = await checkDatabase();
  if (db.ok) return Response.json({ status: "ok" }, { headers: noStore });
  return Response.json({ status: "error", reason: db.reason }, { status: 503, headers: noStore });
}
