// The Open edX demo course, read in place from the shared fixtures (scripts/lib/shared-fixtures.ts) (never copied into the repo):
// reachable counts, round trip import → export → import, failed imports, jobs and the CLI.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getContentStore } from "@/lib/content";
import { getDb } from "@/lib/db";
import { getImportJobView, runImportJob } from "./jobs";
import { jobs } from "@/lib/db/schema";
import { getJob } from "@/lib/db/queries/jobs";
import { exportCourse } from "./export";
import { importCourse } from "./import";
import { startImportJob } from "./jobs";
import { createUser, snapshotCourse } from "./test-helpers";
import { OPENEDX_DEMO_DIR } from "@/scripts/lib/shared-fixtures";

const DEMO = OPENEDX_DEMO_DIR;
const DEMO_KEY = "course-v1:OpenedX+DemoX+DemoCourse";
const hasDemo = existsSync(path.join(DEMO, "course.xml"));
if (!hasDemo) console.warn(`demo-course tests SKIPPED: the Open edX demo course is not at ${DEMO}`);

const EXPECTED = {
  course: 1, chapter: 6, sequential: 17, vertical: 58, html: 266, problem: 29, video: 11,
  openassessment: 2, lti: 2, "drag-and-drop-v2": 1, edx_sga: 1, staffgradedxblock: 1, done: 1,
  annotatable: 1, discussion: 1, poll: 1, survey: 1, library_content: 1,
};

/** The comparable content of a version: tree shape, types, settings and content hashes. */
async function versionShape(versionId: number) {
  const snap = (await snapshotCourse(DEMO_KEY))!;
  const blocks = snap.blocks
    .filter((b) => b.versionId === versionId)
    .map((b) => ({ key: b.usageKey, type: b.blockType, parent: b.parentUsageKey, position: b.position, depth: b.depth, settings: b.settings, hash: b.definitionHash, name: b.displayName }));
  const assets = snap.assets.filter((a) => a.versionId === versionId).map((a) => [a.path, a.hash, a.size, a.locked]);
  const docs = snap.documents.filter((d) => d.versionId === versionId).map((d) => [d.path, d.hash]);
  return { blocks, assets, docs };
}

// Skipped only when ../shared (the Open edX demo course, not committed: CC BY-NC-SA) is absent.
describe.skipIf(!hasDemo)("Open edX demo course", () => {
  let tmp: string;
  let first: Awaited<ReturnType<typeof importCourse>>;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "atrium-demo-"));
    first = await importCourse({ source: DEMO });
  }, 120_000);
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it("imports with the reachable counts of its README", async () => {
    expect(first.courseKey).toBe(DEMO_KEY);
    expect(first.blocks).toEqual(EXPECTED);
    const snap = (await snapshotCourse(DEMO_KEY))!;
    expect(snap.course.publishedVersionId).toBe(first.versionId);
    expect(snap.course.displayName).toBe("Open edX Demo Course");
    // policy.json wins over the XML attribute (thumbnail_demox.jpeg)
    expect(snap.course.courseImage).toBe("DemoX-Course-Card.png");
    expect(snap.course.selfPaced).toBe(true);
    const v = snap.blocks.filter((b) => b.versionId === first.versionId);
    expect(v).toHaveLength(401);
    const graded = v.filter((b) => b.blockType === "sequential" && b.settings.graded === true);
    expect(graded).toHaveLength(3);
    // every html/problem/video body is in the store
    const store = getContentStore();
    for (const b of v.filter((x) => ["html", "problem", "video"].includes(x.blockType))) {
      expect(b.definitionHash, b.usageKey).toMatch(/^[0-9a-f]{64}$/);
    }
    const someProblem = v.find((b) => b.blockType === "problem")!;
    expect(await store.getText(someProblem.definitionHash!)).toMatch(/^<problem/);
    expect(snap.assets.filter((a) => a.versionId === first.versionId).length).toBe(107);
    expect(snap.documents.some((d) => d.path === "about/overview.html")).toBe(true);
  });

  it("round trip: import → export → import gives the same block tree, types, settings and content hashes", async () => {
    const archive = path.join(tmp, "demo-export.tar.gz");
    await exportCourse({ courseKey: DEMO_KEY, out: createWriteStream(archive) });
    const second = await importCourse({ source: archive });
    expect(second.courseKey).toBe(DEMO_KEY);
    expect(second.blocks).toEqual(first.blocks);
    const a = await versionShape(first.versionId);
    const b = await versionShape(second.versionId);
    expect(b.blocks).toEqual(a.blocks);
    expect(b.assets).toEqual(a.assets);
    // Documents come back byte-identical, except the policies the writer regenerates from the model.
    const kept = (docs: unknown[][]) => docs.filter((d) => !String(d[0]).startsWith("policies/"));
    expect(kept(b.docs)).toEqual(kept(a.docs));
    expect(b.docs.map((d) => d[0])).toEqual(a.docs.map((d) => d[0]));
    const snap = (await snapshotCourse(DEMO_KEY))!;
    expect(snap.versions.find((v) => v.id === second.versionId)!.parentId).toBe(first.versionId);
    expect(snap.course.publishedVersionId).toBe(second.versionId);
  }, 120_000);

  it("a broken archive fails with a message naming it and changes nothing", async () => {
    const before = await snapshotCourse(DEMO_KEY);
    const bad = path.join(tmp, "broken.tar.gz");
    await writeFile(bad, Buffer.from("this is not gzip at all"));
    await expect(importCourse({ source: bad })).rejects.toThrow(/broken\.tar\.gz/);
    expect(await snapshotCourse(DEMO_KEY)).toEqual(before);
  });

  it("a failure injected after the blobs are written leaves the previous version and all course rows unchanged", async () => {
    const before = await snapshotCourse(DEMO_KEY);
    await expect(importCourse({ source: DEMO, testHooks: { afterBlobs: () => { throw new Error("disk full (injected)"); } } })).rejects.toThrow("injected");
    expect(await snapshotCourse(DEMO_KEY)).toEqual(before);
    await expect(importCourse({ source: DEMO, testHooks: { beforeCommit: () => { throw new Error("crash before commit (injected)"); } } })).rejects.toThrow("injected");
    expect(await snapshotCourse(DEMO_KEY)).toEqual(before);
  }, 120_000);

  it("import jobs record stage, progress, heartbeat and the result; a failed job keeps its message", async () => {
    const admin = await createUser("jobadm", { isAdmin: true });
    const { jobId, done } = await startImportJob({ archivePath: DEMO, userId: admin.id, fileName: "demo" });
    await done;
    const row = (await getJob({ id: jobId }))!;
    expect(row.status).toBe("succeeded");
    expect(row.startedAt).toBeInstanceOf(Date);
    expect(row.heartbeatAt).toBeInstanceOf(Date);
    expect(row.finishedAt).toBeInstanceOf(Date);
    expect(row.courseKey).toBe(DEMO_KEY);
    expect(row.progress).toMatchObject({ stage: "done", blocksWritten: 401, total: 401 });
    expect((row.progress as { filesRead: number }).filesRead).toBeGreaterThan(700);
    expect(row.result).toMatchObject({ courseKey: DEMO_KEY, blocks: EXPECTED });
    const view = (await getImportJobView({ jobId }))!;
    expect(view.progress.percent).toBe(100);

    const bad = path.join(tmp, "bad-for-job.tar.gz");
    await writeFile(bad, "nope");
    const failed = await startImportJob({ archivePath: bad, userId: admin.id });
    await failed.done;
    const frow = (await getJob({ id: failed.jobId }))!;
    expect(frow.status).toBe("failed");
    expect(frow.error).toMatch(/bad-for-job\.tar\.gz/);
    // a job runs once, even if asked twice
    await runImportJob({ jobId: failed.jobId });
    expect((await getJob({ id: failed.jobId }))!.finishedAt).toEqual(frow.finishedAt);
  }, 120_000);

  it("a job from a user who is not on the course team cannot import over the course", async () => {
    const before = await snapshotCourse(DEMO_KEY);
    const author = await createUser("jobauth", { canCreateCourses: true });
    const { jobId, done } = await startImportJob({ archivePath: DEMO, userId: author.id });
    await done;
    const row = (await getJob({ id: jobId }))!;
    expect(row.status).toBe("failed");
    expect(row.error).toMatch(/not on the course team/);
    expect(await snapshotCourse(DEMO_KEY)).toEqual(before);
  }, 120_000);

  it("an uploaded blob can be imported as a job, and re-import insists on the same course", async () => {
    const admin = await createUser("blobadm", { isAdmin: true });
    const archive = path.join(tmp, "for-blob.tar.gz");
    await exportCourse({ courseKey: DEMO_KEY, out: createWriteStream(archive) });
    const { createReadStream } = await import("node:fs");
    const blob = await getContentStore().put(createReadStream(archive), { kind: "archive" });
    const wrong = await startImportJob({ blobHash: blob.hash, userId: admin.id, expectedCourseKey: "course-v1:Other+X+Y" });
    await wrong.done;
    expect((await getJob({ id: wrong.jobId }))!.error).toMatch(/not course-v1:Other\+X\+Y/);
    const ok = await startImportJob({ blobHash: blob.hash, userId: admin.id, expectedCourseKey: DEMO_KEY });
    await ok.done;
    expect((await getJob({ id: ok.jobId }))!.status).toBe("succeeded");
  }, 120_000);

  it("stale running jobs are reported failed to every reader", async () => {
    const [{ id }] = await getDb()
      .insert(jobs)
      .values({ kind: "import", status: "running", payload: {}, progress: { stage: "reading" }, heartbeatAt: new Date(Date.now() - 5 * 60_000) })
      .$returningId();
    const view = (await getImportJobView({ jobId: id }))!;
    expect(view.status).toBe("failed");
    expect(view.error).toMatch(/stopped responding/);
    expect((await getDb().select().from(jobs).where(eq(jobs.id, id)))[0].status).toBe("failed");
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/olx.ts", ...args], {
      cwd: process.cwd(),
      env: { ...process.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// Skipped, like the suite above, only when ../shared (the demo course it imports) is absent; CI has it.
describe.skipIf(!hasDemo)("olx CLI (spawned against the test database)", () => {
  it("import --json prints exactly one JSON object with courseKey, versionId, unchanged, blocks and warnings, then exits", async () => {
    const t0 = Date.now();
    const res = await runCli(["import", DEMO, "--json"]);
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(["blocks", "courseKey", "unchanged", "versionId", "warnings"]);
    expect(out.courseKey).toBe(DEMO_KEY);
    expect(typeof out.versionId).toBe("number");
    expect(out.unchanged).toBe(false);
    expect(out.blocks).toEqual(EXPECTED);
    expect(Array.isArray(out.warnings)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(120_000);

    // --if-changed (scripts/setup.sh's re-runs): the same export again writes nothing and says so.
    const before = await snapshotCourse(DEMO_KEY);
    const again = await runCli(["import", DEMO, "--if-changed"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`${DEMO_KEY} is unchanged: its published version ${String(out.versionId)} has exactly this content`);
    expect(await snapshotCourse(DEMO_KEY)).toEqual(before);
  }, 240_000);

  it("errors exit non-zero and name the file; check writes nothing", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "atrium-cli-"));
    try {
      const bad = path.join(dir, "not-olx.tar.gz");
      await writeFile(bad, "plain text");
      const r1 = await runCli(["import", bad, "--json"]);
      expect(r1.code).not.toBe(0);
      expect(r1.stdout).toBe("");
      expect(r1.stderr).toContain("not-olx.tar.gz");
      const before = await snapshotCourse(DEMO_KEY);
      const r3 = await runCli(["check", DEMO]);
      expect(r3.code, r3.stderr).toBe(0);
      expect(r3.stdout).toContain(DEMO_KEY);
      expect(await snapshotCourse(DEMO_KEY)).toEqual(before);
      const r4 = await runCli(["export", "course-v1:No+Such+Course", path.join(dir, "x.tar.gz")]);
      expect(r4.code).not.toBe(0);
      expect(r4.stderr).toMatch(/No course course-v1:No\+Such\+Course/);
      expect(existsSync(path.join(dir, "x.tar.gz"))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
