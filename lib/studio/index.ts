// Studio's server loaders (STUDIO-CONTRACT.md). Pages call these AFTER authorizing the caller on
// the course (requireStudioCourse). They read the working copy (or the published version while a
// course has no working copy yet) and compare it with the published version for publish states.
// Authorization: lib/courses/studio-access.ts requireCourseAction (the contract's requireStudioCourse).
import "server-only";
import { getContentStore } from "@/lib/content";
import { getDraftBlock, getDraftInfo, getOutlineStateData, getPublishedHashes, listChildRows, listStateRows } from "@/lib/db/queries/studio";
import { AppError } from "@/lib/errors";
import { componentOlx } from "./component-olx";
import { assignmentTypesOf, buildStudioOutline, computeOutlineStates, computeStates, defaultName } from "./tree";
import type { ComponentEditorData, StudioOutline, UnitEditorData } from "./types";

export type * from "./types";

export async function getStudioOutline({ courseId, now = new Date() }: { courseId: number; now?: Date }): Promise<StudioOutline> {
  const info = await getDraftInfo({ courseId });
  const data = await getOutlineStateData({ versionId: info.versionId, isPublished: info.versionId === info.course.publishedVersionId });
  const states = computeOutlineStates(data.rows, data.dirtyContainers);
  const root = data.rows.find((r) => r.usageKey === info.rootUsageKey);
  return {
    courseId,
    courseKey: info.course.courseKey,
    displayName: root?.displayName ?? info.course.displayName,
    rootUsageKey: info.rootUsageKey,
    state: states.get(info.rootUsageKey) ?? "draft",
    assignmentTypes: assignmentTypesOf(info.gradingPolicy),
    sections: buildStudioOutline({ rows: data.rows, states, componentCounts: data.componentCounts, rootKey: info.rootUsageKey, now }),
  };
}

/** The working copy's version id (the preview renders it). It is MUTABLE: see getDraftVersionStamp. */
export async function getDraftVersionId({ courseId }: { courseId: number }): Promise<number> {
  return (await getDraftInfo({ courseId })).versionId;
}

/** The working copy's id and edit counter: a cache of draft content must key on both. */
export async function getDraftVersionStamp({ courseId }: { courseId: number }): Promise<{ versionId: number; editSeq: number }> {
  const info = await getDraftInfo({ courseId });
  return { versionId: info.versionId, editSeq: info.editSeq };
}

async function statesFor(courseId: number) {
  const info = await getDraftInfo({ courseId });
  const [stateRows, published] = await Promise.all([listStateRows({ versionId: info.versionId }), getPublishedHashes({ course: info.course })]);
  return { info, states: computeStates(stateRows, published), hashes: new Map(stateRows.map((r) => [r.usageKey, r.contentHash ?? ""])) };
}

export async function getUnitEditorData({ courseId, unitUsageKey }: { courseId: number; unitUsageKey: string }): Promise<UnitEditorData> {
  const { info, states, hashes } = await statesFor(courseId);
  const unit = await getDraftBlock({ versionId: info.versionId, usageKey: unitUsageKey });
  if (!unit || unit.blockType !== "vertical") throw new AppError("not_found:block", "That unit does not exist.");
  const subsection = unit.parentUsageKey ? await getDraftBlock({ versionId: info.versionId, usageKey: unit.parentUsageKey }) : null;
  const section = subsection?.parentUsageKey ? await getDraftBlock({ versionId: info.versionId, usageKey: subsection.parentUsageKey }) : null;
  if (!subsection || !section) throw new AppError("not_found:block", "That unit is not in the course outline.");
  const children = await listChildRows({ versionId: info.versionId, parentUsageKey: unitUsageKey });
  const state = states.get(unitUsageKey) ?? "draft";
  const courseKey = info.course.courseKey;
  const published = state !== "draft" && info.course.publishedVersionId !== null;
  return {
    courseId,
    courseKey,
    unit: { usageKey: unit.usageKey, urlName: unit.urlName, displayName: unit.displayName ?? defaultName("vertical"), state, revision: hashes.get(unit.usageKey) ?? "" },
    subsection: { usageKey: subsection.usageKey, displayName: subsection.displayName ?? defaultName("sequential") },
    section: { usageKey: section.usageKey, displayName: section.displayName ?? defaultName("chapter") },
    components: children.map((c) => ({
      usageKey: c.usageKey,
      blockType: c.blockType,
      displayName: c.displayName ?? defaultName(c.blockType),
      revision: hashes.get(c.usageKey) ?? "",
      unsupportedReason: c.unsupportedReason,
    })),
    liveUrl: published ? `/courses/${encodeURIComponent(courseKey)}/jump/${encodeURIComponent(unit.urlName)}` : null,
    previewUrl: `/studio/courses/${encodeURIComponent(courseKey)}/preview/${encodeURIComponent(unit.usageKey)}`,
  };
}

export async function getComponentEditorData({ courseId, usageKey }: { courseId: number; usageKey: string }): Promise<ComponentEditorData> {
  const info = await getDraftInfo({ courseId });
  const row = await getDraftBlock({ versionId: info.versionId, usageKey });
  if (!row || ["course", "chapter", "sequential", "vertical"].includes(row.blockType)) throw new AppError("not_found:block", "That component does not exist.");
  const definition = row.definitionHash ? await getContentStore().getText(row.definitionHash) : null;
  const fields = row.fields ?? {};
  const revision = row.contentHash ?? (await statesFor(courseId)).hashes.get(usageKey) ?? "";
  return {
    usageKey: row.usageKey,
    blockType: row.blockType,
    displayName: row.displayName ?? defaultName(row.blockType),
    revision,
    olx: componentOlx(row.blockType, fields, definition),
    ...(row.blockType === "html" ? { html: definition ?? "" } : {}),
    ...(row.blockType === "problem" ? { markdown: typeof fields.markdown === "string" ? fields.markdown : null } : {}),
  };
}
