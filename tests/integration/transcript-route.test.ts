// The course-file route's transcript conversions on the real MariaDB and disk store: ?format=json
// (what the video player's transcript panel fetches) and ?format=vtt (the <track> captions) give
// the same cues from an .srt or an edX .sjson, answer If-None-Match with 304, are cached for good
// only under a versioned URL, and are served in place even when ASSET_ORIGIN would send the raw
// file elsewhere (a converted transcript is passive text). Only the session is stubbed.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";
import type * as AssetRoute from "@/app/assets/[courseKey]/[...path]/route";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));

import { importOlxCourse } from "@/lib/courses/import";
import { closeDb } from "@/lib/db";
import { makeCourse } from "@/lib/courses/test-helpers";
import type { OlxCourse } from "@/lib/olx/types";
import { callAssetRoute } from "./asset-request";

type Route = typeof AssetRoute;

const SRT = "1\n00:00:01,000 --> 00:00:02,500\nWelcome.\n\n2\n00:00:02,500 --> 00:00:04,000\nIf x &lt; y &amp; y < z, then x < z.\n";
const SJSON = JSON.stringify({ start: [1000, 2500], end: [2500, 4000], text: ["Welcome.", "If x &lt; y &amp; y < z, then x < z."] });
const CUES = [
  { start: 1, end: 2.5, text: "Welcome." },
  { start: 2.5, end: 4, text: "If x < y & y < z, then x < z." },
];

let course: OlxCourse;

function get(r: Route, path: string, query: string, headers: Record<string, string> = {}) {
  const host = "127.0.0.1:3000";
  return r.GET(new Request(`http://${host}/assets/x/${path}${query}`, { headers: { host, ...headers } }), {
    params: Promise.resolve({ courseKey: encodeURIComponent(course.courseKey), path: path.split("/") }),
  });
}

beforeAll(async () => {
  course = makeCourse();
  course.assets = [
    { path: "subs-en.srt", contentType: "application/x-subrip", locked: false, size: Buffer.byteLength(SRT), data: Buffer.from(SRT) },
    // An .sjson stored with a type that is served as an attachment (and sent to ASSET_ORIGIN when set).
    { path: "subs_intro.srt.sjson", contentType: "application/octet-stream", locked: false, size: Buffer.byteLength(SJSON), data: Buffer.from(SJSON) },
  ];
  await importOlxCourse({ course });
  delete process.env.ASSET_ORIGIN;
});

afterAll(async () => {
  delete process.env.ASSET_ORIGIN;
  await closeDb();
});

describe("transcript conversions", () => {
  let route: Route;
  beforeAll(async () => {
    route = await import("@/app/assets/[courseKey]/[...path]/route");
  });

  it("serves the cues as JSON, the same from .srt and .sjson, text decoded once", async () => {
    for (const p of ["subs-en.srt", "subs_intro.srt.sjson"]) {
      const res = await callAssetRoute(route, course.courseKey, p, { query: "?format=json" });
      expect(res.status, p).toBe(200);
      expect(res.headers.get("content-type"), p).toBe("application/json; charset=utf-8");
      expect(res.headers.get("x-content-type-options"), p).toBe("nosniff");
      expect(res.headers.get("content-disposition"), p).toBeNull();
      expect(await res.json(), p).toEqual({ cues: CUES });
    }
  });

  it("serves the same cues as WebVTT for <track>", async () => {
    const res = await callAssetRoute(route, course.courseKey, "subs-en.srt", { query: "?format=vtt" });
    expect(res.headers.get("content-type")).toBe("text/vtt; charset=utf-8");
    expect(await res.text()).toBe("WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nWelcome.\n\n00:00:02.500 --> 00:00:04.000\nIf x < y & y < z, then x < z.\n");
  });

  it("caches for good only under the versioned URL, and answers If-None-Match with 304", async () => {
    const plain = await callAssetRoute(route, course.courseKey, "subs-en.srt", { query: "?format=json" });
    expect(plain.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    const etag = plain.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{64}-json"$/);
    const v = etag.slice(1, 17);
    const pinned = await callAssetRoute(route, course.courseKey, "subs-en.srt", { query: `?v=${v}&format=json` });
    expect(pinned.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(pinned.headers.get("etag")).toBe(etag);

    const again = await get(route, "subs-en.srt", `?v=${v}&format=json`, { "if-none-match": `W/${etag}` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("content-type")).toBe("application/json; charset=utf-8");
    // The WebVTT form has its own tag: the JSON one does not match it.
    const vtt = await get(route, "subs-en.srt", "?format=vtt", { "if-none-match": etag });
    expect(vtt.status).toBe(200);
    expect(vtt.headers.get("etag")).toBe(etag.replace("-json", "-vtt"));
  });

  it("answers 404 for a file the course does not have", async () => {
    expect((await callAssetRoute(route, course.courseKey, "missing.srt", { query: "?format=json" })).status).toBe(404);
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

  it("serves a converted transcript in place, while the raw file goes to the asset origin", async () => {
    expect((await callAssetRoute(r, course.courseKey, "subs_intro.srt.sjson")).status).toBe(307);
    for (const format of ["json", "vtt"]) {
      const res = await callAssetRoute(r, course.courseKey, "subs_intro.srt.sjson", { query: `?format=${format}` });
      expect(res.status, format).toBe(200);
      expect(res.headers.get("content-security-policy"), format).toBeNull();
    }
  });
});
