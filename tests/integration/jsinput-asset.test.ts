// The asset route's jsinput flag (?jsinput=1): the author's HTML with the postMessage bridge,
// scripts allowed only in an opaque origin (no allow-same-origin, popups or top navigation), and
// the same access rules as any course file (locked pages only for enrolled learners and staff).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";
import type * as AssetRoute from "@/app/assets/[courseKey]/[...path]/route";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));

import { importOlxCourse } from "@/lib/courses/import";
import { closeDb } from "@/lib/db";
import { asUser, createUser, makeCourse } from "@/lib/courses/test-helpers";
import { JSINPUT_BRIDGE } from "@/lib/lms/jsinput-bridge";
import type { OlxCourse } from "@/lib/olx/types";
import { callAssetRoute } from "./asset-request";

const PAGE = `<!doctype html><html><body><script>var Game = { getGrade: function () { return "42"; } };</script><p>Play</p></body></html>`;

let course: OlxCourse;
let route: typeof AssetRoute;

const call = (path: string, query = "?jsinput=1") => callAssetRoute(route, course.courseKey, path, { query });

beforeAll(async () => {
  course = makeCourse();
  const file = (path: string, contentType: string, body: string, locked = false) => ({ path, contentType, locked, size: Buffer.byteLength(body), data: Buffer.from(body) });
  course.assets = [file("game.html", "text/html", PAGE), file("secret-game.html", "text/html", PAGE, true), file("pic.png", "image/png", "PNG..."), file("app.js", "text/javascript", "alert(1)")];
  await importOlxCourse({ course });
  delete process.env.ASSET_ORIGIN;
  route = await import("@/app/assets/[courseKey]/[...path]/route");
});

afterAll(async () => {
  session.user = null;
  await closeDb();
});

describe("GET /assets/[courseKey]/[...path]?jsinput=1", () => {
  it("serves the page with the bridge before </body>, scripts allowed in an opaque origin only", async () => {
    const res = await call("game.html");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toBe("sandbox allow-scripts");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = await res.text();
    expect(body).toBe(PAGE.replace("</body>", `${JSINPUT_BRIDGE}</body>`));
    expect(body).toContain('window.parent.postMessage(msg, "*")');
  });

  it("without the flag the file is served as before (sandboxed, no bridge)", async () => {
    const res = await call("game.html", "");
    expect(res.headers.get("content-security-policy")).toMatch(/^sandbox /);
    expect(res.headers.get("content-security-policy")).not.toContain("allow-same-origin");
    expect(await res.text()).toBe(PAGE);
  });

  it("refuses files that are not HTML pages", async () => {
    expect((await call("pic.png")).status).toBe(404);
    expect((await call("app.js")).status).toBe(404);
  });

  it("keeps the locked-file rules: anonymous 401, not enrolled 403, staff 200", async () => {
    session.user = null;
    expect((await call("secret-game.html")).status).toBe(401);
    const outsider = await createUser("jsoutsider");
    session.user = asUser(outsider);
    const refused = await call("secret-game.html");
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain("Game");
    const admin = await createUser("jsadmin", { isAdmin: true });
    session.user = asUser(admin, { isAdmin: true });
    const ok = await call("secret-game.html");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-security-policy")).toBe("sandbox allow-scripts");
    expect(ok.headers.get("cache-control")).toMatch(/^private/);
    expect(await ok.text()).toContain("data-atrium-jsinput-bridge");
  });
});
