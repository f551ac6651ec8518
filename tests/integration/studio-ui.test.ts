// s-ui's server pieces on the real MariaDB: the Text editor's preview action renders through the
// LMS sanitizer (and refuses people outside the course team), and the LMS asset route serves a
// file that exists only in the Studio draft to course staff only. The session is the only stub.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { closeDb } from "@/lib/db";
import { getContentStore } from "@/lib/content";
import { asUser, createUser, uniq } from "@/lib/courses/test-helpers";
import { enrollUser } from "@/lib/db/queries/enrollments";
import { renderCourseHtml, buildAssetIndex } from "@/lib/lms/html";
import * as svc from "@/lib/studio/service";
import { previewHtmlAction } from "@/lib/actions/studio/preview-html-action";
import { GET as assetGET } from "@/app/assets/[courseKey]/[...path]/route";


let courseKey: string;
let instructor: SessionUser;
let learner: SessionUser;
let outsider: SessionUser;
const FILE = "diagram.png";
const BYTES = Buffer.from("not really a png, but bytes all the same");

beforeAll(async () => {
  const owner = await createUser("sui", { canCreateCourses: true });
  instructor = asUser(owner, { canCreateCourses: true });
  const org = `U${uniq()}`;
  const c = await svc.createCourse({ org, number: "UI", run: "R", displayName: "UI", start: new Date("2020-01-01T00:00:00Z"), userId: owner.id });
  courseKey = c.courseKey;
  const info = await getContentStore().put(BYTES, { kind: "asset", courseKey });
  await svc.addDraftAsset({ courseId: c.courseId, userId: owner.id, file: { path: FILE, hash: info.hash, contentType: "image/png", size: BYTES.length } });
  const l = await createUser("suil");
  await enrollUser({ userId: l.id, courseId: c.courseId, actorId: null });
  learner = asUser(l);
  outsider = asUser(await createUser("suio"));
});

afterAll(async () => {
  await closeDb();
});

describe("previewHtmlAction", () => {
  const html = `<h2>Title</h2><p onclick="steal()">Body<script>alert(1)</script></p><img src="/static/${FILE}" alt="Diagram"><a href="javascript:alert(1)">x</a>`;

  it("returns what learners get: the LMS sanitizer, links to the draft's files rewritten", async () => {
    session.user = instructor;
    const r = await previewHtmlAction({ courseKey, html });
    expect(r.ok).toBe(true);
    const out = (r as { ok: true; data: { html: string } }).data.html;
    expect(out).toContain("<h2>Title</h2>");
    expect(out).not.toMatch(/script|onclick|javascript:/);
    // the image points at the asset route with the draft file's content hash
    expect(out).toMatch(new RegExp(`src="/assets/${encodeURIComponent(courseKey).replace(/[+]/g, "\\+")}/${FILE}\\?v=[0-9a-f]{16}"`));
    // identical to the LMS renderer given the same files
    const hash = (await getContentStore().put(BYTES)).hash;
    expect(out).toBe(renderCourseHtml(html, { courseKey, assets: buildAssetIndex([{ path: FILE, hash }]) }));
  });

  it("is refused to learners, outsiders and anonymous callers", async () => {
    for (const u of [learner, outsider, null]) {
      session.user = u;
      const r = await previewHtmlAction({ courseKey, html });
      expect(r.ok).toBe(false);
      expect((r as { code: string }).code).toBe(u ? "forbidden:course" : "unauthorized");
    }
  });
});

describe("asset route and draft-only files", () => {
  const get = () => assetGET(new Request(`http://localhost/assets/${encodeURIComponent(courseKey)}/${FILE}`), { params: Promise.resolve({ courseKey: encodeURIComponent(courseKey), path: [FILE] }) });

  it("serves a file only in the draft to the course team, privately", async () => {
    session.user = instructor;
    const res = await get();
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(BYTES);
    expect(res.headers.get("cache-control")).toMatch(/^private/);
  });

  it("answers 404 to learners and anonymous visitors (they only see the published version)", async () => {
    for (const u of [learner, outsider, null]) {
      session.user = u;
      expect((await get()).status).toBe(404);
    }
  });
});
