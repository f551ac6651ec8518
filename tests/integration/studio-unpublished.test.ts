// Whether a course's Studio working copy holds unpublished work (the import page warns on it).
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db";
import { getCourseByKey } from "@/lib/db/queries/courses";
import { hasUnpublishedChanges } from "@/lib/db/queries/studio";
import { createUser, uniq } from "@/lib/courses/test-helpers";
import * as svc from "@/lib/studio/service";

afterAll(async () => {
  await closeDb();
});

describe("hasUnpublishedChanges", () => {
  it("is true after an edit, an addition or a deletion, and false once published", async () => {
    const me = await createUser("unp", { canCreateCourses: true });
    const org = `U${uniq()}`;
    const c = await svc.createCourse({ org, number: "UNP", run: "R1", displayName: "Unpublished?", start: new Date("2026-01-05T00:00:00Z"), userId: me.id });
    const w = { courseId: c.courseId, userId: me.id };
    const root = `block-v1:${org}+UNP+R1+type@course+block@R1`;
    const changed = async () => hasUnpublishedChanges({ course: (await getCourseByKey({ courseKey: c.courseKey }))! });
    const sec = await svc.addOutlineItem({ ...w, parentUsageKey: root, blockType: "chapter", displayName: "Week 1" });
    expect(await changed()).toBe(true); // never published
    await svc.publish(w);
    expect(await changed()).toBe(false);
    await svc.renameItem({ ...w, usageKey: sec.usageKey, displayName: "Week one" });
    expect(await changed()).toBe(true);
    await svc.publish(w);
    expect(await changed()).toBe(false);
    const sub = await svc.addOutlineItem({ ...w, parentUsageKey: sec.usageKey, blockType: "sequential", displayName: "Lesson" });
    expect(await changed()).toBe(true);
    await svc.publish(w);
    await svc.deleteItem({ ...w, usageKey: sub.usageKey });
    expect(await changed()).toBe(true);
    await svc.publish(w);
    expect(await changed()).toBe(false);
  });
});
