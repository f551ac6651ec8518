// Course re-runs: a new course whose one published version (source "rerun") is the source course's
// latest published version with keys rewritten and dates shifted (lib/studio/rerun.ts), written
// in ONE transaction with the course row and the copied course team. Learner data (enrollments,
// states, grades) belongs to a run and is never copied. Bodies in the content store are shared
// (content-addressed), so no blob is read or written.
import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { courseAssets, courseBlocks, courseDocuments, courseRoles, courseVersions, courses } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { courseKeyOfRun, rerunBlock, rerunDocumentPath, rerunMeta, rerunSettings, shiftDate, type RerunPlan, type RunKey } from "@/lib/studio/rerun";
import { insertVersion, type NewBlockRow } from "./courses";

export interface RerunInput {
  sourceCourseId: number;
  to: RunKey;
  displayName: string;
  days: number;
  userId: number;
}

function isDuplicate(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    if ((e as { code?: unknown }).code === "ER_DUP_ENTRY") return true;
  }
  return false;
}

export async function createRerun(input: RerunInput): Promise<{ courseId: number; courseKey: string; versionId: number; blocks: number }> {
  const courseKey = courseKeyOfRun(input.to);
  try {
    return await getDb().transaction(async (tx) => {
      // The source row is locked while its published pointer is read, so a publish racing the rerun
      // waits: the rerun copies one whole version.
      const [source] = await tx.select().from(courses).where(eq(courses.id, input.sourceCourseId)).for("update").limit(1);
      if (!source) throw new AppError("not_found:course", "The course to re-run no longer exists.");
      if (!source.publishedVersionId) throw new AppError("invalid:rerun", "This course has never been published. Publish it first: a re-run copies the published version.");
      const [version] = await tx.select().from(courseVersions).where(eq(courseVersions.id, source.publishedVersionId)).limit(1);
      const rows = await tx.select().from(courseBlocks).where(eq(courseBlocks.versionId, version.id));
      const root = rows.find((r) => r.usageKey === version.rootUsageKey);
      if (!root) throw new Error(`Version ${version.id} is missing its root block`);
      const plan: RerunPlan = {
        from: { org: source.org, number: source.number, run: source.run },
        to: input.to,
        days: input.days,
        rootUrlName: root.urlName,
      };
      const blocks: NewBlockRow[] = rows.map((r) => {
        const b = rerunBlock(
          { usageKey: r.usageKey, blockType: r.blockType, urlName: r.urlName, parentUsageKey: r.parentUsageKey, settings: r.settings ?? {}, fields: r.fields ?? {} },
          plan,
        );
        const isRoot = r.usageKey === version.rootUsageKey;
        if (isRoot) {
          b.fields = { ...b.fields, display_name: input.displayName };
          b.settings = { ...b.settings, display_name: input.displayName };
        }
        return {
          ...b,
          position: r.position,
          depth: r.depth,
          displayName: isRoot ? input.displayName.slice(0, 512) : r.displayName,
          definitionHash: r.definitionHash,
          unsupportedReason: r.unsupportedReason,
          isDraft: false,
          contentHash: null, // fields changed: recomputed by insertVersion
        };
      });
      const newRootKey = blocks.find((b) => b.parentUsageKey === null && b.blockType === "course")!.usageKey;
      const assets = (await tx.select().from(courseAssets).where(eq(courseAssets.versionId, version.id))).map(({ path, hash, contentType, size, locked }) => ({ path, hash, contentType, size, locked }));
      const documents = (await tx.select().from(courseDocuments).where(eq(courseDocuments.versionId, version.id))).map(({ path, kind, hash, size }) => ({
        path: rerunDocumentPath(path, plan),
        kind,
        hash,
        size,
      }));

      const [{ id: courseId }] = await tx
        .insert(courses)
        .values({
          courseKey,
          org: input.to.org,
          number: input.to.number,
          run: input.to.run,
          displayName: input.displayName,
          shortDescription: source.shortDescription,
          courseImage: source.courseImage,
          effort: source.effort,
          start: shiftDate(source.start, input.days),
          end: shiftDate(source.end, input.days),
          enrollmentStart: shiftDate(source.enrollmentStart, input.days),
          enrollmentEnd: shiftDate(source.enrollmentEnd, input.days),
          catalogVisibility: source.catalogVisibility,
          invitationOnly: source.invitationOnly,
          selfPaced: source.selfPaced,
          createdBy: input.userId,
        })
        .$returningId();
      const meta = rerunMeta((version.meta ?? {}) as Record<string, unknown>, plan);
      const gradingPolicy = version.gradingPolicy ? rerunSettings(version.gradingPolicy, 0, plan.from, plan.to) : null;
      const versionId = await insertVersion(
        tx,
        { courseId, parentId: null, authorId: input.userId, source: "rerun", rootUsageKey: newRootKey, gradingPolicy, meta, blocks },
        assets,
        documents,
      );
      await tx.update(courses).set({ publishedVersionId: versionId }).where(eq(courses.id, courseId));
      // The course team comes along; whoever creates the re-run becomes its instructor (Open edX does the same).
      const team = await tx.select({ userId: courseRoles.userId, role: courseRoles.role }).from(courseRoles).where(eq(courseRoles.courseId, source.id));
      const roles = new Map<string, { userId: number; role: "staff" | "instructor" }>();
      for (const t of [...team, { userId: input.userId, role: "instructor" as const }]) roles.set(`${t.userId}/${t.role}`, t);
      if (roles.size) await tx.insert(courseRoles).values([...roles.values()].map((r) => ({ ...r, courseId })));
      return { courseId, courseKey, versionId, blocks: blocks.length };
    });
  } catch (err) {
    if (isDuplicate(err)) {
      throw new AppError("conflict:course", `A course with the key ${courseKey} already exists.`, { fieldErrors: { run: "This organization, number and run are already used." } });
    }
    throw err;
  }
}
