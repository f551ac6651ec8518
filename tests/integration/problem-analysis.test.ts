// `npm run db:migrate`'s second step on the real MariaDB and content store: problems stored as
// unsupported by an older release are asked again (refreshProblemAnalysis). One that this release
// grades is cleared everywhere its definition is used; one it still cannot grade keeps a reason;
// rows stored as supported, and other block types, are left alone.
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getContentStore } from "@/lib/content";
import { closeDb, getDb } from "@/lib/db";
import { courseBlocks } from "@/lib/db/schema";
import { problemUnsupportedReason, refreshProblemAnalysis } from "@/lib/courses/problem-analysis";
import { createTestCourse } from "./lms-helpers";

afterAll(async () => {
  await closeDb();
});

const nonce = () => randomBytes(6).toString("hex");
const image = () => `<problem><!-- ${nonce()} --><imageresponse><imageinput src="/static/map.png" width="100" height="100" rectangle="(1,1)-(9,9)"/></imageresponse></problem>`;
const schematic = () => `<problem><!-- ${nonce()} --><schematicresponse><schematic width="600" height="400"/><answer type="loncapa/python">correct = ["correct"]</answer></schematicresponse></problem>`;
const OLD = "image-click problems (imageresponse) are not supported here yet";

describe("refreshProblemAnalysis", () => {
  it("clears a reason this release no longer has, keeps a real one, touches nothing else", async () => {
    const store = getContentStore();
    const imageHash = (await store.put(image())).hash;
    const schematicXml = schematic();
    const schematicHash = (await store.put(schematicXml)).hash;
    const c = await createTestCourse({
      sections: [{ type: "chapter", name: "ch", children: [{ type: "sequential", name: "s", children: [{ type: "vertical", name: "u", children: [
        { type: "problem", name: "img1" }, { type: "problem", name: "img2" }, { type: "problem", name: "sch" }, { type: "problem", name: "ok" }, { type: "poll", name: "poll" },
      ] }] }] }],
    });
    const db = getDb();
    const set = (name: string, type: string, definitionHash: string | null, unsupportedReason: string | null) =>
      db.update(courseBlocks).set({ definitionHash, unsupportedReason }).where(and(eq(courseBlocks.versionId, c.versionId), eq(courseBlocks.usageKey, c.key(type, name))));
    // As an older release stored them: both image problems (one definition, used twice) unsupported.
    await set("img1", "problem", imageHash, OLD);
    await set("img2", "problem", imageHash, OLD);
    await set("sch", "problem", schematicHash, "an outdated wording");
    await set("ok", "problem", imageHash, null);
    await set("poll", "poll", null, "The \"poll\" component is not supported yet");

    const r = await refreshProblemAnalysis();
    expect(r.nowSupported).toBeGreaterThanOrEqual(1);
    expect(r.rows).toBeGreaterThanOrEqual(3);

    const reasonOf = async (type: string, name: string) =>
      (await db.select({ r: courseBlocks.unsupportedReason }).from(courseBlocks).where(and(eq(courseBlocks.versionId, c.versionId), eq(courseBlocks.usageKey, c.key(type, name)))))[0].r;
    expect(await reasonOf("problem", "img1")).toBeNull();
    expect(await reasonOf("problem", "img2")).toBeNull();
    expect(await reasonOf("problem", "ok")).toBeNull();
    // Still unsupported: the reason is this release's own wording.
    expect(await reasonOf("problem", "sch")).toBe(problemUnsupportedReason(schematicXml));
    expect(await reasonOf("problem", "sch")).toMatch(/schematic/);
    expect(await reasonOf("poll", "poll")).toBe("The \"poll\" component is not supported yet");

    // A second run finds nothing left to change here.
    const again = await refreshProblemAnalysis();
    const still = await db.select({ r: courseBlocks.unsupportedReason }).from(courseBlocks).where(eq(courseBlocks.versionId, c.versionId));
    expect(still.filter((x) => x.r !== null).length).toBe(2);
    expect(again.checked).toBeGreaterThanOrEqual(1);
  });
});
