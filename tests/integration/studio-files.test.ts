// Studio's Files page on the real MariaDB + content store: a page of a few thousand working-copy
// files is searched, sorted and paged in SQL exactly like sorting the whole list would (timing
// printed, not asserted); lock/unlock and delete change the working copy only until publish;
// delete lists the components that still link to the file; forbidden callers change nothing.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { closeDb, getDb } from "@/lib/db";
import { courseAssets, courseRoles } from "@/lib/db/schema";
import { enrollUser } from "@/lib/db/queries/enrollments";
import { getAsset, getCourseByKey } from "@/lib/db/queries/courses";
import { getDraftInfo } from "@/lib/db/queries/studio";
import { asUser, createUser, snapshotCourse, uniq } from "@/lib/courses/test-helpers";
import { getComponentEditorData } from "@/lib/studio";
import * as svc from "@/lib/studio/service";
import { fileQueryOf, linksTo, listFilePage } from "@/lib/studio/files";
import { checkAssetNamesAction } from "@/lib/actions/studio/check-asset-names-action";
import { deleteAssetAction } from "@/lib/actions/studio/delete-asset-action";
import { findAssetReferencesAction } from "@/lib/actions/studio/find-asset-references-action";
import { lockAssetAction } from "@/lib/actions/studio/lock-asset-action";
import { NextRequest } from "next/server";
import { GET } from "@/app/api/studio/courses/[courseKey]/assets/route";


const N = 10_000; // the issue asks for a list that stays fast at 10,000 files
const TYPES = ["image/png", "application/pdf", "text/plain", "image/jpeg", "video/mp4"];
const EXT = ["png", "pdf", "txt", "jpg", "mp4"];

type Gen = { path: string; contentType: string; size: number; addedAt: Date };
let owner: SessionUser;
let course: { courseId: number; courseKey: string };
let generated: Gen[];

beforeAll(async () => {
  const o = await createUser("flo", { canCreateCourses: true });
  owner = asUser(o, { canCreateCourses: true });
  const org = `F${uniq()}`;
  course = await svc.createCourse({ org, number: "FILES", run: "R", displayName: "Files", start: new Date("2020-01-01T00:00:00Z"), userId: o.id });
  const { versionId } = await getDraftInfo({ courseId: course.courseId });
  const base = Date.UTC(2026, 0, 1);
  generated = Array.from({ length: N }, (_, i) => {
    const k = (i * 7919) % N; // names not in insertion order
    return { path: `file-${String(k).padStart(5, "0")}_${i % 3 === 0 ? "alpha" : "beta"}.${EXT[i % 5]}`, contentType: TYPES[i % 5], size: (i * 104729) % 50_000, addedAt: new Date(base + i * 1000) };
  });
  const t0 = performance.now();
  for (let i = 0; i < N; i += 1000) {
    await getDb()
      .insert(courseAssets)
      .values(generated.slice(i, i + 1000).map((g) => ({ versionId, path: g.path, hash: "0".repeat(64), contentType: g.contentType, size: g.size, locked: false, addedAt: g.addedAt })));
  }
  console.log(`[files] inserted ${N} rows in ${Math.round(performance.now() - t0)} ms`);
});

afterAll(async () => {
  session.user = null;
  await closeDb();
});

function expected(rows: Gen[], sort: "name" | "type" | "size" | "added", dir: "asc" | "desc"): string[] {
  const key = (g: Gen) => (sort === "name" ? g.path : sort === "type" ? g.contentType : sort === "size" ? g.size : g.addedAt.getTime());
  const s = dir === "asc" ? 1 : -1;
  return [...rows]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka < kb) return -s;
      if (ka > kb) return s;
      return a.path < b.path ? -s : a.path > b.path ? s : 0;
    })
    .map((g) => g.path);
}

describe("files list", () => {
  it("searches, sorts and pages in SQL like sorting the whole list", async () => {
    for (const sort of ["name", "type", "size", "added"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const all = expected(generated, sort, dir);
        for (const page of [1, 2, 37, 60]) {
          const t0 = performance.now();
          const p = await listFilePage({ courseId: course.courseId, query: { sort, dir, page } });
          const ms = performance.now() - t0;
          if (page === 37) console.log(`[files] ${N} files, sort=${sort} ${dir} page ${page}: ${ms.toFixed(1)} ms`);
          expect(p.total).toBe(N);
          expect(p.pageCount).toBe(N / 50);
          expect(p.files.map((f) => f.path), `${sort} ${dir} page ${page}`).toEqual(all.slice((page - 1) * 50, page * 50));
        }
      }
    }
  });

  it("searches by name (contains, % and _ literal), clamps the page, and reads loose params safely", async () => {
    const t0 = performance.now();
    const p = await listFilePage({ courseId: course.courseId, query: { q: "00_al", sort: "name", dir: "asc", page: 1 } });
    console.log(`[files] search "00_al" over ${N}: ${(performance.now() - t0).toFixed(1)} ms, ${p.total} hits`);
    const want = generated.filter((g) => g.path.includes("00_al")).map((g) => g.path).sort();
    expect(p.total).toBe(want.length);
    expect(p.files.map((f) => f.path)).toEqual(want.slice(0, 50));
    expect((await listFilePage({ courseId: course.courseId, query: { q: "%" } })).total).toBe(0);
    expect((await listFilePage({ courseId: course.courseId, query: { q: "file_0" } })).total).toBe(0); // "_" is literal
    const clamped = await listFilePage({ courseId: course.courseId, query: { q: "alpha", page: 9999 } });
    expect(clamped.page).toBe(clamped.pageCount);
    expect(fileQueryOf({ sort: "evil; drop", dir: "sideways", page: "-3", q: ["x", "y"] })).toEqual({ q: "x", sort: "added", dir: "desc", page: 1 });
  });
});

describe("GET /api/studio/courses/[courseKey]/assets with paging params", () => {
  it("answers one page searched and sorted in SQL, only to the course team", async () => {
    const req = new NextRequest(`http://localhost/api/studio/courses/x/assets?q=alpha&sort=size&dir=desc&page=2`);
    const params = { params: Promise.resolve({ courseKey: encodeURIComponent(course.courseKey) }) };
    session.user = null;
    expect((await GET(req, params)).status).toBe(401);
    session.user = owner;
    const res = await GET(req, params);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { files: Array<{ path: string }>; total: number; page: number };
    const alpha = generated.filter((g) => g.path.includes("alpha"));
    expect(body.total).toBe(alpha.length);
    expect(body.page).toBe(2);
    expect(body.files.map((f) => f.path)).toEqual(expected(alpha, "size", "desc").slice(50, 100));
  });
});

describe("file actions", () => {
  it("lock/unlock the working copy's file; learners and staff of another course are refused and nothing changes", async () => {
    const c = await svc.createCourse({ org: `L${uniq()}`, number: "LOCK", run: "R", displayName: "Lock", start: new Date("2020-01-01T00:00:00Z"), userId: owner.id });
    const w = { courseId: c.courseId, userId: owner.id };
    await svc.addDraftAsset({ ...w, file: { path: "secret.pdf", hash: "a".repeat(64), contentType: "application/pdf", size: 10 } });
    const { versionId: pubId } = await svc.publish(w);

    const l = await createUser("fll");
    await enrollUser({ userId: l.id, courseId: c.courseId, actorId: l.id });
    const x = await createUser("flx");
    await getDb().insert(courseRoles).values({ userId: x.id, courseId: course.courseId, role: "staff" });
    const before = await snapshotCourse(c.courseKey);
    for (const [user, code] of [
      [asUser(l), "forbidden:course"],
      [asUser(x), "forbidden:course"],
      [null, "unauthorized"],
    ] as const) {
      session.user = user;
      for (const r of [
        await lockAssetAction({ courseKey: c.courseKey, path: "secret.pdf", locked: true }),
        await deleteAssetAction({ courseKey: c.courseKey, path: "secret.pdf" }),
        await findAssetReferencesAction({ courseKey: c.courseKey, path: "secret.pdf" }),
        await checkAssetNamesAction({ courseKey: c.courseKey, names: ["secret.pdf"] }),
      ]) {
        expect(r.ok ? "ok" : r.code).toBe(code);
      }
    }
    expect(await snapshotCourse(c.courseKey)).toEqual(before);

    session.user = owner;
    expect((await checkAssetNamesAction({ courseKey: c.courseKey, names: ["secret.pdf", "new.pdf", "../x/secret.pdf"] }))).toEqual({ ok: true, data: { existing: ["secret.pdf"] } });
    expect((await lockAssetAction({ courseKey: c.courseKey, path: "secret.pdf", locked: true })).ok).toBe(true);
    expect((await lockAssetAction({ courseKey: c.courseKey, path: "secret.pdf", locked: true })).ok).toBe(true); // idempotent
    const missing = await lockAssetAction({ courseKey: c.courseKey, path: "nope.pdf", locked: true });
    expect(missing.ok ? "ok" : missing.code).toBe("not_found:file");
    const info = await getDraftInfo({ courseId: c.courseId });
    expect((await getAsset({ versionId: info.versionId, path: "secret.pdf" }))?.locked).toBe(true);
    expect((await getAsset({ versionId: pubId, path: "secret.pdf" }))?.locked).toBe(false); // live only on publish
    const { versionId: pub2 } = await svc.publish(w);
    expect((await getAsset({ versionId: pub2, path: "secret.pdf" }))?.locked).toBe(true);
    expect((await lockAssetAction({ courseKey: c.courseKey, path: "secret.pdf", locked: false })).ok).toBe(true);
    expect((await getAsset({ versionId: (await getDraftInfo({ courseId: c.courseId })).versionId, path: "secret.pdf" }))?.locked).toBe(false);
  });

  it("lists the components that link to a file, and delete removes it from the working copy only", async () => {
    session.user = owner;
    const org = `D${uniq()}`;
    const c = await svc.createCourse({ org, number: "DEL", run: "R", displayName: "Del", start: new Date("2020-01-01T00:00:00Z"), userId: owner.id });
    const w = { courseId: c.courseId, userId: owner.id };
    const root = `block-v1:${org}+DEL+R+type@course+block@R`;
    const sec = await svc.addOutlineItem({ ...w, parentUsageKey: root, blockType: "chapter" });
    const sub = await svc.addOutlineItem({ ...w, parentUsageKey: sec.usageKey, blockType: "sequential" });
    const unit = await svc.addOutlineItem({ ...w, parentUsageKey: sub.usageKey, blockType: "vertical", displayName: "Unit with pictures" });
    const html = await svc.addComponent({ ...w, courseKey: c.courseKey, unitUsageKey: unit.usageKey, blockType: "html" });
    const rev = (await getComponentEditorData({ courseId: c.courseId, usageKey: html.usageKey })).revision;
    await svc.saveComponent({ ...w, courseKey: c.courseKey, usageKey: html.usageKey, baseRevision: rev, content: { kind: "html", displayName: "Welcome text", html: '<p><img src="/static/pic.png" alt="pic"/></p>' } });
    await svc.addComponent({
      ...w,
      courseKey: c.courseKey,
      unitUsageKey: unit.usageKey,
      blockType: "problem",
      olx: '<problem display_name="Picture question"><p><a href="/static/pic.png">see</a></p><multiplechoiceresponse><choicegroup type="MultipleChoice"><choice correct="true">A</choice><choice correct="false">B</choice></choicegroup></multiplechoiceresponse></problem>',
    });
    await svc.addComponent({ ...w, courseKey: c.courseKey, unitUsageKey: unit.usageKey, blockType: "html" }); // links to nothing
    for (const p of ["pic.png", "pic.png.bak"]) await svc.addDraftAsset({ ...w, file: { path: p, hash: "b".repeat(64), contentType: "image/png", size: 3 } });
    const { versionId: pubId } = await svc.publish(w);

    const refs = await findAssetReferencesAction({ courseKey: c.courseKey, path: "pic.png" });
    expect(refs.ok && refs.data.references.map((r) => [r.displayName, r.blockType, r.unitDisplayName])).toEqual([
      ["Welcome text", "html", "Unit with pictures"],
      ["Picture question", "problem", "Unit with pictures"],
    ]);
    const none = await findAssetReferencesAction({ courseKey: c.courseKey, path: "pic.png.bak" });
    expect(none.ok && none.data.references).toEqual([]);

    const del = await deleteAssetAction({ courseKey: c.courseKey, path: "pic.png" });
    expect(del.ok && del.data.references.map((r) => r.displayName)).toEqual(["Welcome text", "Picture question"]);
    const again = await deleteAssetAction({ courseKey: c.courseKey, path: "pic.png" });
    expect(again.ok ? "ok" : again.code).toBe("not_found:file");
    const draft = (await getCourseByKey({ courseKey: c.courseKey }))!.draftVersionId!;
    expect(await getAsset({ versionId: draft, path: "pic.png" })).toBeNull();
    expect(await getAsset({ versionId: pubId, path: "pic.png" })).not.toBeNull();
    const { versionId: pub2 } = await svc.publish(w);
    expect(await getAsset({ versionId: pub2, path: "pic.png" })).toBeNull();
    expect(await getAsset({ versionId: pub2, path: "pic.png.bak" })).not.toBeNull();
  });

  it("linksTo matches the whole file name only", () => {
    expect(linksTo('<img src="/static/a.png">', "a.png")).toBe(true);
    expect(linksTo('<img src="/static/a.png?raw=1">', "a.png")).toBe(true);
    expect(linksTo('<img src="/static/a.png.bak">', "a.png")).toBe(false);
    expect(linksTo('<img src="/static/a.pngx">', "a.png")).toBe(false);
    expect(linksTo('<img src="/static/ab.png">', "a.png")).toBe(false);
  });
});
