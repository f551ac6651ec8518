// GET /api/me: who is signed in and whether the Studio link is theirs, for the site header's
// client island on pages whose HTML is shared (lib/shell/shared-render.ts). The same data the
// root layout renders otherwise (lib/shell/header-data.ts). Private to the caller: never stored by
// a shared cache. proxy.ts answers a GET of it itself (lib/proxy-reads.ts, the same
// loadHeaderUser); Next reaches this handler for the rest (a HEAD).
import { PRIVATE_JSON_HEADERS } from "@/lib/security-headers";
import { loadHeaderUser } from "@/lib/shell/header-data";

export const dynamic = "force-dynamic";

export async function GET() {
  return Response.json(await loadHeaderUser(), { headers: PRIVATE_JSON_HEADERS });
}
