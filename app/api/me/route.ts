// GET /api/me: who is signed in and whether the Studio link is theirs, for the site header's
// client island on pages whose HTML is shared (lib/shell/shared-render.ts). The same data the
// root layout renders otherwise (lib/shell/header-data.ts). Private to the caller: never stored by
// a shared cache.
import { loadHeaderUser } from "@/lib/shell/header-data";

export const dynamic = "force-dynamic";

export async function GET() {
  return Response.json(await loadHeaderUser(), { headers: { "Cache-Control": "private, no-store", Vary: "Cookie" } });
}
