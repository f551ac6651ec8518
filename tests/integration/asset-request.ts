// A GET of the course-file route (app/assets/[courseKey]/[...path]) as Next.js hands it over: the
// request on a host, and the route's params. Shared by the asset-route tests.
import type * as AssetRoute from "@/app/assets/[courseKey]/[...path]/route";

export function callAssetRoute(route: typeof AssetRoute, courseKey: string, path: string, init: { host?: string; query?: string } = {}) {
  const host = init.host ?? "127.0.0.1:3000";
  const req = new Request(`http://${host}/assets/${encodeURIComponent(courseKey)}/${path}${init.query ?? ""}`, { headers: { host } });
  return route.GET(req, { params: Promise.resolve({ courseKey: encodeURIComponent(courseKey), path: path.split("/") }) });
}
