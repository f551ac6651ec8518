// Export as a job on the real MariaDB: the archive is built into the content store, the job row
// says where, and the download route serves it to the course team only. Learners, staff of
// another course and anonymous callers can neither start an export nor download one.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { gunzipSync } from "node:zlib";
import { GET as download } from "@/app/api/studio/jobs/[jobId]/download/route";
import { GET as jobStatus } from "@/app/api/studio/jobs/[jobId]/route";
import { startExportAction } from "@/lib/actions/studio/start-export-action";
import { importOlxCourse } from "@/lib/courses";
import { asUser, createUser, makeCourse, uniq } from "@/lib/courses/test-helpers";
import { closeDb, getDb } from "@/lib/db";
import { enrollUser } from "@/lib/db/queries/enrollments";
import { getJob } from "@/lib/db/queries/jobs";
import { courseRoles } from "@/lib/db/schema";


let courseKey: string;
let instructor: SessionUser;
let learner: SessionUser;
let otherStaff: SessionUser;

async function waitForJob(jobId: number) {
  for (let i = 0; i < 300; i++) {
    const j = await getJob({ id: jobId });
    if (j && (j.status === "succeeded" || j.status === "failed")) return j;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

const params = (jobId: number) => ({ params: Promise.resolve({ jobId: String(jobId) }) });

beforeAll(async () => {
  const owner = await createUser("exo");
  instructor = asUser(owner);
  const imported = await importOlxCourse({ course: makeCourse({ org: `E${uniq()}` }), ownerUsername: owner.username });
  courseKey = imported.courseKey;
  const l = await createUser("exl");
  await enrollUser({ userId: l.id, courseId: imported.courseId, actorId: l.id });
  learner = asUser(l);
  const s = await createUser("exs");
  const other = await importOlxCourse({ course: makeCourse({ org: `F${uniq()}` }) });
  await getDb().insert(courseRoles).values({ userId: s.id, courseId: other.courseId, role: "staff" });
  otherStaff = asUser(s);
});
beforeEach(() => {
  session.user = null;
});
afterAll(async () => {
  await closeDb();
});

describe("export job", () => {
  it("builds the archive into the content store and serves it to the team only", async () => {
    session.user = instructor;
    const r = await startExportAction({ courseKey });
    if (!r.ok) throw new Error(r.message);
    const job = await waitForJob(r.data.jobId);
    expect(job).toMatchObject({ kind: "export", status: "succeeded", courseKey });
    const view = (await (await jobStatus(new Request("http://x"), params(job.id))).json()) as { result: { downloadUrl: string; fileName: string; size: number } };
    expect(view.result).toMatchObject({ downloadUrl: `/api/studio/jobs/${job.id}/download`, fileName: expect.stringMatching(/\.tar\.gz$/) });
    expect(JSON.stringify(view)).not.toContain((job.result as { blobHash: string }).blobHash);

    const res = await download(new Request("http://x"), params(job.id));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(view.result.fileName);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBe(view.result.size);
    expect(gunzipSync(body).toString("latin1")).toContain("course/course.xml");

    for (const [who, status] of [
      [learner, 403],
      [otherStaff, 403],
      [null, 401],
    ] as const) {
      session.user = who;
      expect((await download(new Request("http://x"), params(job.id))).status).toBe(status);
      expect((await jobStatus(new Request("http://x"), params(job.id))).status).toBeGreaterThanOrEqual(401);
    }
  });

  it("refuses to start an export for a learner, staff of another course and anonymous callers", async () => {
    for (const [who, code] of [
      [learner, "forbidden"],
      [otherStaff, "forbidden"],
      [null, "unauthorized"],
    ] as const) {
      session.user = who;
      const r = await startExportAction({ courseKey });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code.split(":")[0]).toBe(code);
    }
  });
});
