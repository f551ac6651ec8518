// Courses from Git on the real MariaDB: a bare repository made here (git init --bare, no network)
// holds the demo course in content/atr101 (under a unique org); Studio imports it as a job that
// records the repository, ref and commit; re-importing the same commit says so and writes nothing;
// a pushed change re-imports as a new version. Forbidden callers are refused before any clone.
// Skips (with a message) only when `git` is not installed. The session is the only stub.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const session = vi.hoisted(() => {
  process.env.GIT_IMPORT_ALLOW_LOCAL = "true"; // read by lib/env on first use
  return { user: null as SessionUser | null };
});
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<typeof SessionModule>()), getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { importFromGitAction } from "@/lib/actions/studio/import-from-git-action";
import { closeDb, getDb } from "@/lib/db";
import { getCourseByKey, getVersion, listVersions } from "@/lib/db/queries/courses";
import { enrollUser } from "@/lib/db/queries/enrollments";
import { getJob } from "@/lib/db/queries/jobs";
import { courseRoles, jobs } from "@/lib/db/schema";
import { asUser, createUser, uniq } from "@/lib/courses/test-helpers";

const hasGit = spawnSync("git", ["--version"]).status === 0;
if (!hasGit) console.warn("[studio-git-import] `git` is not installed: the Git import tests are skipped.");

const work = mkdtempSync(path.join(tmpdir(), "atrium-git-test-"));
const bare = path.join(work, "course.git");
const clone = path.join(work, "work");
const org = `G${uniq()}`;
const courseKey = `course-v1:${org}+ATR101+2026`;

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.test", "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout.trim();
}


async function waitForJob(jobId: number) {
  for (let i = 0; i < 600; i++) {
    const j = await getJob({ id: jobId });
    if (j && (j.status === "succeeded" || j.status === "failed")) return j;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

async function jobCount() {
  return (await getDb().select({ id: jobs.id }).from(jobs)).length;
}

let author: SessionUser;
let firstCommit = "";

beforeAll(async () => {
  const a = await createUser("gita", { canCreateCourses: true });
  author = asUser(a, { canCreateCourses: true });
  if (!hasGit) return;
  git(work, "init", "--bare", "--quiet", bare);
  git(work, "init", "--quiet", clone);
  cpSync(path.resolve("content/atr101"), path.join(clone, "content/atr101"), { recursive: true });
  const xml = path.join(clone, "content/atr101/course.xml");
  writeFileSync(xml, readFileSync(xml, "utf8").replace('org="Atrium"', `org="${org}"`));
  git(clone, "add", "-A");
  git(clone, "commit", "--quiet", "-m", "course");
  git(clone, "push", "--quiet", bare, "HEAD:refs/heads/main");
  firstCommit = git(clone, "rev-parse", "HEAD");
});

beforeEach(() => {
  session.user = null;
});

afterAll(async () => {
  await closeDb();
  rmSync(work, { recursive: true, force: true });
});

// Skipped only without the system `git` (the feature itself needs it; the warning above says so).
describe.skipIf(!hasGit)("Git import", () => {
  it("imports a new course from a local bare repository and records the commit", async () => {
    session.user = author;
    const r = await importFromGitAction({ url: bare, ref: "main", folder: "content/atr101" });
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    const job = await waitForJob(r.data.jobId);
    expect(job.error).toBeNull();
    expect(job.status).toBe("succeeded");
    expect(job.result).toMatchObject({ courseKey, git: { url: bare, ref: "main", folder: "content/atr101", commit: firstCommit } });
    const course = (await getCourseByKey({ courseKey }))!;
    const version = (await getVersion({ id: course.publishedVersionId! }))!;
    expect(version.meta).toMatchObject({ git: { url: bare, ref: "main", folder: "content/atr101", commit: firstCommit } });
    expect(version.blockCount).toBeGreaterThan(10);
    const roles = await getDb().select().from(courseRoles).where(eq(courseRoles.courseId, course.id));
    expect(roles.map((x) => [x.userId, x.role])).toEqual([[author.id, "instructor"]]);
  });

  it("re-importing the same commit says so and writes no version", async () => {
    session.user = author;
    const course = (await getCourseByKey({ courseKey }))!;
    const before = await listVersions({ courseId: course.id });
    const r = await importFromGitAction({ url: bare, ref: "main", folder: "content/atr101", courseKey });
    if (!r.ok) throw new Error(r.message);
    const job = await waitForJob(r.data.jobId);
    expect(job.result).toMatchObject({ unchanged: true, versionId: course.publishedVersionId, git: { commit: firstCommit } });
    expect(await listVersions({ courseId: course.id })).toHaveLength(before.length);
  });

  it("a pushed change re-imports as a new version with the new commit", async () => {
    const policy = path.join(clone, "content/atr101/policies/2026/policy.json");
    writeFileSync(policy, readFileSync(policy, "utf8").replace('"Atrium 101: Learning with Atrium"', '"Changed in Git"'));
    git(clone, "commit", "--quiet", "-am", "rename");
    git(clone, "push", "--quiet", bare, "HEAD:refs/heads/main");
    const second = git(clone, "rev-parse", "HEAD");
    expect(second).not.toBe(firstCommit);
    session.user = author;
    const old = (await getCourseByKey({ courseKey }))!;
    const r = await importFromGitAction({ url: bare, ref: "main", folder: "content/atr101", courseKey });
    if (!r.ok) throw new Error(r.message);
    const job = await waitForJob(r.data.jobId);
    expect(job.status).toBe("succeeded");
    expect(job.result).toMatchObject({ courseKey, git: { commit: second } });
    expect(job.result?.unchanged).toBeUndefined();
    const course = (await getCourseByKey({ courseKey }))!;
    expect(course.publishedVersionId).not.toBe(old.publishedVersionId);
    expect(course.displayName).toBe("Changed in Git");
    const version = (await getVersion({ id: course.publishedVersionId! }))!;
    expect(version.parentId).toBe(old.publishedVersionId);
    expect(version.meta).toMatchObject({ git: { commit: second } });
  });

  it("a missing branch or folder fails the job with a clear message", async () => {
    session.user = author;
    const r1 = await importFromGitAction({ url: bare, ref: "nope", folder: "content/atr101" });
    if (!r1.ok) throw new Error(r1.message);
    expect((await waitForJob(r1.data.jobId)).error).toContain("no branch or tag “nope”");
    const r2 = await importFromGitAction({ url: bare, ref: "main", folder: "content/missing" });
    if (!r2.ok) throw new Error(r2.message);
    expect((await waitForJob(r2.data.jobId)).error).toContain("no folder “content/missing”");
  });

  it("refuses bad sources next to the field, without a job", async () => {
    session.user = author;
    const n = await jobCount();
    const r = await importFromGitAction({ url: "http://example.org/x.git", ref: "-x", folder: "../etc" });
    expect(r).toMatchObject({ ok: false, code: "invalid:input", fieldErrors: { url: expect.any(String), ref: expect.any(String), folder: expect.any(String) } });
    expect(await jobCount()).toBe(n);
  });

  it("refuses a learner, staff of another course, a non-creator and anonymous callers", async () => {
    const course = (await getCourseByKey({ courseKey }))!;
    const l = await createUser("gitl");
    await enrollUser({ userId: l.id, courseId: course.id, actorId: l.id });
    const s = await createUser("gits");
    const other = await createUser("gito", { canCreateCourses: true });
    const otherCourse = await importFromGitActionAs(asUser(other, { canCreateCourses: true }));
    await getDb().insert(courseRoles).values({ userId: s.id, courseId: otherCourse, role: "staff" });
    const n = await jobCount();
    const input = { url: bare, ref: "main", folder: "content/atr101", courseKey };
    for (const [who, code] of [
      [asUser(l), "forbidden"],
      [asUser(s), "forbidden"],
      [null, "unauthorized"],
    ] as const) {
      session.user = who;
      const r = await importFromGitAction(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code.split(":")[0]).toBe(code);
    }
    // a course-less import is a new course: only for course creators
    session.user = asUser(s);
    const r = await importFromGitAction({ url: bare, ref: "main", folder: "content/atr101" });
    expect(r).toMatchObject({ ok: false });
    expect(await jobCount()).toBe(n);
  });
});

/** A second course (any team) for "staff of another course". */
async function importFromGitActionAs(user: SessionUser): Promise<number> {
  const { createCourse } = await import("@/lib/studio/service");
  const c = await createCourse({ org: `O${uniq()}`, number: "X", run: "R", displayName: "Other", start: new Date(), userId: user.id });
  return c.courseId;
}
