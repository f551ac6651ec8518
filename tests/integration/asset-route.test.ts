// The course-file route on the real MariaDB and disk store, with content types as a hostile
// re-import could store them in policies/assets.json: whatever the stored type, active content
// never runs on the site's origin (sandboxed or an attachment), and with ASSET_ORIGIN set it is
// redirected there (locked files with a signed grant). The session is the only thing stubbed.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";
import type * as AssetRoute from "@/app/assets/[courseKey]/[...path]/route";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));

import { importOlxCourse } from "@/lib/courses/import";
import { closeDb } from "@/lib/db";
import { createUser, makeCourse } from "@/lib/courses/test-helpers";
import type { OlxCourse } from "@/lib/olx/types";
import { callAssetRoute } from "./asset-request";

type Route = typeof AssetRoute;

const FILES: [path: string, contentType: string, locked?: boolean][] = [
  ["space.html", " text/html"],
  ["tab.html", "\tTEXT/HTML; charset=UTF-8"],
  ["feed.atom", "application/atom+xml"],
  ["data.xml", "text/xml"],
  ["drawing.svg", "image/svg+xml"],
  ["app.js", "text/javascript"],
  ["broken", "text/html image/png"],
  ["empty", ""],
  ["pic.png", "image/png"],
  ["clip.mp4", "video/mp4"],
  ["notes.pdf", "application/pdf"],
  ["subs.vtt", "text/vtt"],
  ["style.css", "text/css"],
  ["secret.html", "text/html", true],
];

let course: OlxCourse;
let route: Route;

const call = (r: Route, path: string, init: { host?: string; query?: string } = {}) => callAssetRoute(r, course.courseKey, path, init);

beforeAll(async () => {
  course = makeCourse();
  course.assets = FILES.map(([path, contentType, locked]) => ({ path, contentType, locked: !!locked, size: 5, data: Buffer.from(`<!--${path}-->`.slice(0, 5)) }));
  await importOlxCourse({ course });
  delete process.env.ASSET_ORIGIN;
  route = await import("@/app/assets/[courseKey]/[...path]/route");
});

afterAll(async () => {
  session.user = null;
  await closeDb();
});

describe("course files on the site's origin", () => {
  it("normalises a stored type with a leading space or tab: HTML is sandboxed, never plain text/html", async () => {
    for (const p of ["space.html", "tab.html"]) {
      const res = await call(route, p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get("content-type"), p).toMatch(/^text\/html(; charset=utf-8)?$/);
      expect(res.headers.get("content-security-policy"), p).toMatch(/^sandbox /);
      expect(res.headers.get("content-security-policy"), p).not.toContain("allow-same-origin");
      expect(res.headers.get("x-content-type-options"), p).toBe("nosniff");
    }
  });

  it("serves +xml, XML, scripts and unparsable types as sandboxed attachments", async () => {
    for (const [p, type] of [["feed.atom", "application/atom+xml"], ["data.xml", "text/xml"], ["app.js", "text/javascript"], ["broken", "application/octet-stream"], ["empty", "application/octet-stream"]]) {
      const res = await call(route, p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get("content-type"), p).toBe(type);
      expect(res.headers.get("content-disposition"), p).toMatch(/^attachment; filename="/);
      expect(res.headers.get("content-security-policy"), p).toMatch(/^sandbox /);
      expect(res.headers.get("x-content-type-options"), p).toBe("nosniff");
    }
  });

  it("keeps SVG inline (img tags) but sandboxed", async () => {
    const res = await call(route, "drawing.svg");
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    expect(res.headers.get("content-disposition")).toBeNull();
    expect(res.headers.get("content-security-policy")).toMatch(/^sandbox /);
  });

  it("serves passive types inline without a sandbox, always with nosniff", async () => {
    for (const p of ["pic.png", "clip.mp4", "notes.pdf", "subs.vtt", "style.css"]) {
      const res = await call(route, p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get("content-disposition"), p).toBeNull();
      expect(res.headers.get("content-security-policy"), p).toBeNull();
      expect(res.headers.get("x-content-type-options"), p).toBe("nosniff");
    }
  });

  it("keeps the sandbox on 304 and 206 answers", async () => {
    const first = await call(route, "space.html");
    const etag = first.headers.get("etag")!;
    const again = await route.GET(
      new Request(`http://127.0.0.1:3000/assets/x/space.html`, { headers: { host: "127.0.0.1:3000", "if-none-match": etag } }),
      { params: Promise.resolve({ courseKey: encodeURIComponent(course.courseKey), path: ["space.html"] }) },
    );
    expect(again.status).toBe(304);
    expect(again.headers.get("content-security-policy")).toMatch(/^sandbox /);
    const part = await route.GET(
      new Request(`http://127.0.0.1:3000/assets/x/space.html`, { headers: { host: "127.0.0.1:3000", range: "bytes=0-1" } }),
      { params: Promise.resolve({ courseKey: encodeURIComponent(course.courseKey), path: ["space.html"] }) },
    );
    expect(part.status).toBe(206);
    expect(part.headers.get("content-security-policy")).toMatch(/^sandbox /);
  });
});

describe("with a separate asset origin (ASSET_ORIGIN)", () => {
  let r: Route;
  beforeAll(async () => {
    process.env.ASSET_ORIGIN = "http://files.test:3000";
    vi.resetModules();
    r = await import("@/app/assets/[courseKey]/[...path]/route");
  });
  afterAll(async () => {
    delete process.env.ASSET_ORIGIN;
    const db = await import("@/lib/db");
    await db.closeDb();
  });

  it("redirects active files from the site's origin to the asset origin, and serves passive ones in place", async () => {
    const res = await call(r, "space.html", { query: "?v=abcdef12" });
    expect(res.status).toBe(307);
    const loc = new URL(res.headers.get("location")!);
    expect(loc.origin).toBe("http://files.test:3000");
    expect(loc.pathname).toBe(`/assets/${encodeURIComponent(course.courseKey)}/space.html`);
    expect(loc.searchParams.get("v")).toBe("abcdef12");
    expect((await call(r, "pic.png")).status).toBe(200);
  });

  it("serves the file (still sandboxed) on the asset origin", async () => {
    const res = await call(r, "space.html", { host: "files.test:3000" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toMatch(/^sandbox /);
  });

  it("locked files: the site origin checks access and signs a grant; the asset origin wants it", async () => {
    session.user = null;
    expect((await call(r, "secret.html")).status).toBe(401);
    const admin = await createUser("assetadm", { isAdmin: true });
    session.user = { id: admin.id, email: `${admin.username}@example.test`, username: admin.username, fullName: admin.username, isAdmin: true, canCreateCourses: false, isActive: true };
    const res = await call(r, "secret.html");
    expect(res.status).toBe(307);
    const loc = new URL(res.headers.get("location")!);
    const grant = loc.searchParams.get("grant");
    expect(grant).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    session.user = null;
    expect((await call(r, "secret.html", { host: "files.test:3000" })).status).toBe(403);
    expect((await call(r, "secret.html", { host: "files.test:3000", query: `?grant=${grant!.replace(/.$/, (c) => (c === "A" ? "B" : "A"))}` })).status).toBe(403);
    const ok = await call(r, "secret.html", { host: "files.test:3000", query: loc.search });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-security-policy")).toMatch(/^sandbox /);
  });
});
