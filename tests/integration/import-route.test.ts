// POST /api/studio/import on the real MariaDB and a private disk content store (issue 8, item 3):
// the caller is checked before anything is read or stored, a declared or streamed size over
// IMPORT_MAX_UPLOAD_BYTES is refused with a clear message, reading stops at the limit, and a
// refused upload leaves no temp file, no blob and no job row. The session is the only stub.
import { afterAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const state = vi.hoisted(() => {
  // Read by lib/env on first use: a private content dir and a 1 MiB upload limit for this file.
  process.env.CONTENT_DIR = `/tmp/atrium-import-route-${process.pid}-${Date.now()}`;
  process.env.IMPORT_MAX_UPLOAD_BYTES = String(1024 * 1024);
  return { user: null as SessionUser | null };
});
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => state.user }));

import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { POST } from "@/app/api/studio/import/route";
import { getContentStore } from "@/lib/content";
import { closeDb, getDb } from "@/lib/db";
import { getJob } from "@/lib/db/queries/jobs";
import { jobs } from "@/lib/db/schema";
import { createUser } from "@/lib/courses/test-helpers";
import { entriesOf, makeTar, minimalCourse } from "@/lib/olx/test-support";
import { createTestCourse, grantRole } from "./lms-helpers";

const CONTENT_DIR = process.env.CONTENT_DIR!;
const LIMIT = 1024 * 1024;

afterAll(async () => {
  await closeDb();
  rmSync(CONTENT_DIR, { recursive: true, force: true });
});

async function asUser(prefix: string, flags: { isAdmin?: boolean; canCreateCourses?: boolean } = {}): Promise<SessionUser> {
  const u = await createUser(prefix, flags);
  return { id: u.id, email: `${u.username}@example.test`, username: u.username, fullName: u.username, isAdmin: flags.isAdmin ?? false, canCreateCourses: flags.canCreateCourses ?? false, isActive: true };
}

/** A request body that counts what the route pulls from it: `total` bytes in 64 KiB chunks. */
function countingBody(total: number) {
  const counter = { pulled: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(7);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      const n = Math.min(chunk.length, total - counter.pulled);
      counter.pulled += n;
      controller.enqueue(chunk.subarray(0, n));
    },
  }, { highWaterMark: 0 }); // nothing is pulled until someone reads
  return { stream, counter };
}

function post(body: ReadableStream<Uint8Array> | Buffer, query = "name=c.tar.gz", headers: Record<string, string> = {}) {
  return POST(
    new NextRequest(`http://localhost/api/studio/import?${query}`, {
      method: "POST",
      body: body as BodyInit,
      headers: { "content-type": "application/gzip", ...headers },
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]),
  );
}

async function blobCount(): Promise<number> {
  let n = 0;
  for await (const b of getContentStore().list()) if (b) n++;
  return n;
}

/** Files anywhere under the content dir (blobs and the store's temp files). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function jobsOf(userId: number) {
  return getDb().select().from(jobs).where(eq(jobs.createdBy, userId));
}

describe("POST /api/studio/import", () => {
  it("refuses a caller who is not signed in before reading the body: no temp file, no blob, no job", async () => {
    state.user = null;
    const { stream, counter } = countingBody(5 * 1024 * 1024);
    const res = await post(stream);
    expect(res.status).toBe(401);
    expect(counter.pulled).toBe(0);
    expect(filesUnder(CONTENT_DIR)).toEqual([]);
  });

  it("refuses a learner without Studio access, and a Studio user who may not create courses, before storing anything", async () => {
    const learner = await asUser("irlearn");
    state.user = learner;
    const a = countingBody(512 * 1024);
    const res = await post(a.stream);
    expect(res.status).toBe(403);
    expect(a.counter.pulled).toBe(0);
    expect(await jobsOf(learner.id)).toEqual([]);

    // course staff may use Studio but not create courses: without a courseKey the archive could be a new course
    const staff = await asUser("irstaff");
    const other = await createTestCourse({ sections: [] });
    await grantRole({ userId: staff.id, courseId: other.courseId, role: "staff" });
    state.user = staff;
    const s = countingBody(512 * 1024);
    const resStaff = await post(s.stream);
    expect(resStaff.status).toBe(403);
    expect(((await resStaff.json()) as { error: { message: string } }).error.message).toMatch(/You may not create courses/);
    expect(s.counter.pulled).toBe(0);
    expect(await jobsOf(staff.id)).toEqual([]);

    const admin = await asUser("iradmin", { isAdmin: true });
    // an admin re-importing a course that does not exist: refused on the course, nothing read
    state.user = admin;
    const b = countingBody(512 * 1024);
    const res2 = await post(b.stream, "name=c.tar.gz&courseKey=course-v1:Nope+N1+2026");
    expect(res2.status).toBe(404);
    expect(b.counter.pulled).toBe(0);
    expect(await jobsOf(admin.id)).toEqual([]);
    expect(filesUnder(CONTENT_DIR)).toEqual([]);
  });

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const creator = await asUser("ircreat", { canCreateCourses: true });
    state.user = creator;
    const { stream, counter } = countingBody(3 * LIMIT);
    const res = await post(stream, "name=big.tar.gz", { "content-length": String(3 * LIMIT) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/larger than the 1 MB limit for course archives \(IMPORT_MAX_UPLOAD_BYTES\)/);
    expect(counter.pulled).toBe(0);
    expect(await jobsOf(creator.id)).toEqual([]);
  });

  it("stops reading a streamed body at the limit with a clear message, and keeps nothing of it", async () => {
    const creator = await asUser("irstream", { canCreateCourses: true });
    state.user = creator;
    const { stream, counter } = countingBody(64 * LIMIT);
    const res = await post(stream, "name=huge.tar.gz");
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toMatch(/The upload is larger than the 1 MB limit/);
    expect(body.error.message).toMatch(/nothing was stored/);
    // read up to the limit plus what was already buffered in the pipe, far from the 64 MiB sent
    expect(counter.pulled).toBeGreaterThan(LIMIT);
    expect(counter.pulled).toBeLessThan(LIMIT + 512 * 1024);
    expect(await blobCount()).toBe(0);
    expect(filesUnder(CONTENT_DIR)).toEqual([]);
    expect(await jobsOf(creator.id)).toEqual([]);
  });

  it("accepts an archive under the limit from a user who may create courses: one blob, one job", async () => {
    const creator = await asUser("irok", { canCreateCourses: true });
    state.user = creator;
    const archive = await makeTar(entriesOf(minimalCourse()));
    const res = await post(archive, "name=ok.tar.gz", { "content-length": String(archive.length) });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: number };
    expect(await blobCount()).toBe(1);
    const rows = await jobsOf(creator.id);
    expect(rows.map((r) => r.id)).toEqual([jobId]);
    // let the in-process job finish before the database is closed
    for (let i = 0; i < 100; i++) {
      const job = await getJob({ id: jobId });
      if (job && (job.status === "succeeded" || job.status === "failed")) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
});
