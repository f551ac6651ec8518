// Studio course-file uploads through the route handler on the real MariaDB + content store:
// authorized before anything is stored (a learner's upload stores nothing), streamed into the
// working copy, size-limited, listed by GET, and carried to the published version by Publish.
import { afterAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
process.env.STUDIO_ASSET_MAX_BYTES = "1000";

import { NextRequest } from "next/server";
import { closeDb } from "@/lib/db";
import { enrollUser } from "@/lib/db/queries/enrollments";
import { getCourseByKey, listAssets } from "@/lib/db/queries/courses";
import { getContentStore } from "@/lib/content";
import { createUser, snapshotCourse, uniq } from "@/lib/courses/test-helpers";
import * as svc from "@/lib/studio/service";
import { GET, POST } from "@/app/api/studio/courses/[courseKey]/assets/route";

const asUser = (u: { id: number; username: string }, canCreateCourses = false) =>
  ({ id: u.id, email: `${u.username}@x.test`, username: u.username, fullName: u.username, isAdmin: false, canCreateCourses, isActive: true }) as SessionUser;

function upload(courseKey: string, files: Array<[string, string | Uint8Array<ArrayBuffer>, string]>) {
  const fd = new FormData();
  for (const [name, data, type] of files) fd.append("file", new Blob([data], { type }), name);
  return new NextRequest(`http://localhost/api/studio/courses/${encodeURIComponent(courseKey)}/assets`, { method: "POST", body: fd });
}
const params = (courseKey: string) => ({ params: Promise.resolve({ courseKey: encodeURIComponent(courseKey) }) });

afterAll(async () => {
  await closeDb();
});

describe("POST/GET /api/studio/courses/[courseKey]/assets", () => {
  it("stores files in the working copy for the team, refuses others, and publishing carries them", async () => {
    const owner = await createUser("ao", { canCreateCourses: true });
    const c = await svc.createCourse({ org: `A${uniq()}`, number: "F1", run: "R", displayName: "Files", start: new Date(), userId: owner.id });

    const learner = await createUser("al");
    await enrollUser({ userId: learner.id, courseId: c.courseId, actorId: learner.id });
    session.user = asUser(learner);
    const before = await snapshotCourse(c.courseKey);
    const refused = await POST(upload(c.courseKey, [["evil.png", "x", "image/png"]]), params(c.courseKey));
    expect(refused.status).toBe(403);
    expect(await snapshotCourse(c.courseKey)).toEqual(before);
    expect((await GET(new NextRequest("http://localhost/x"), params(c.courseKey))).status).toBe(403);
    session.user = null;
    expect((await POST(upload(c.courseKey, [["a.png", "x", "image/png"]]), params(c.courseKey))).status).toBe(401);

    session.user = asUser(owner, true);
    const res = await POST(upload(c.courseKey, [["../../etc/logo one.png", "PNGDATA", "image/png"], ["notes.txt", "hello", ""]]), params(c.courseKey));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { files: Array<{ path: string; url: string; contentType: string; size: number }> };
    expect(body.files).toEqual([
      { path: "logo_one.png", url: "/static/logo_one.png", contentType: "image/png", size: 7 },
      { path: "notes.txt", url: "/static/notes.txt", contentType: "text/plain", size: 5 },
    ]);
    const list = (await (await GET(new NextRequest("http://localhost/x"), params(c.courseKey))).json()) as { files: unknown[] };
    expect(list.files).toHaveLength(2);

    const tooBig = await POST(upload(c.courseKey, [["big.bin", new Uint8Array(1001), "application/octet-stream"]]), params(c.courseKey));
    expect(tooBig.status).toBe(400);
    expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe("invalid:upload");

    const { versionId } = await svc.publish({ courseId: c.courseId, userId: owner.id });
    const published = await listAssets({ versionId });
    expect(published.map((a) => a.path)).toEqual(["logo_one.png", "notes.txt"]);
    expect((await getContentStore().getText(published[1].hash))).toBe("hello");
    expect((await getCourseByKey({ courseKey: c.courseKey }))!.publishedVersionId).toBe(versionId);
  });
});
