// Studio's write operations: what every Studio server action does after it has authorized the
// caller. Bodies (component OLX, html) go to the content store first (content-addressed, so an
// aborted transaction leaves only an unreferenced blob), then one MySQL transaction on the
// course's working copy (lib/db/queries/studio.ts withDraft) writes the block index.
import "server-only";
import { analyzeProblem } from "@/lib/capa";
import { getContentStore } from "@/lib/content";
import {
  createStudioCourse,
  deleteDraftBlock,
  discardDraftUnit,
  duplicateDraftBlock,
  getDraftBlock,
  getGradingFacts,
  insertDraftBlock,
  moveDraftBlock,
  publishDraft,
  putDraftAsset,
  updateDraftBlock,
  withDraft,
} from "@/lib/db/queries/studio";
import { createJob } from "@/lib/db/queries/jobs";
import { AppError } from "@/lib/errors";
import { unsupportedReasonOf } from "@/lib/olx/fields";
import { OlxError } from "@/lib/olx/types";
import { blankComponentOlx, htmlBodyOf, parseComponentOlx } from "./component-olx";
import { gradingPolicyChanged } from "./grading-settings";
import { REGRADE_JOB_KIND } from "./regrade";
import { defaultName } from "./tree";
import type { OutlineKind } from "./types";

type Who = { courseId: number; userId: number };

async function storeText(courseKey: string | undefined, text: string): Promise<string> {
  const info = await getContentStore().put(text, { courseKey, kind: "definition", contentType: "text/xml; charset=utf-8" });
  return info.hash;
}

function unsupportedOf(blockType: string, definition: string | null): string | null {
  const reason = unsupportedReasonOf(blockType);
  if (reason) return reason.slice(0, 512);
  if (blockType !== "problem" || !definition) return null;
  try {
    const a = analyzeProblem(definition);
    return a.supported ? null : (a.reason ?? "This problem uses features Atrium cannot run yet.").slice(0, 512);
  } catch (err) {
    return `The problem could not be analysed: ${err instanceof Error ? err.message : String(err)}`.slice(0, 512);
  }
}

export async function createCourse(input: { org: string; number: string; run: string; displayName: string; start: Date; userId: number }) {
  return createStudioCourse(input);
}

export async function addOutlineItem(w: Who & { parentUsageKey: string; blockType: OutlineKind; displayName?: string; position?: number }) {
  const displayName = w.displayName?.trim() || defaultName(w.blockType);
  return withDraft({ courseId: w.courseId, authorId: w.userId }, (d) =>
    insertDraftBlock(d, w.parentUsageKey, { blockType: w.blockType, displayName, fields: { display_name: displayName }, definitionHash: null, position: w.position }),
  );
}

export async function renameItem(w: Who & { usageKey: string; displayName: string }) {
  return withDraft({ courseId: w.courseId, authorId: w.userId }, async (d) => {
    const { revision } = await updateDraftBlock(d, w.usageKey, { displayName: w.displayName.trim() });
    return { revision };
  });
}

export async function duplicateItem(w: Who & { usageKey: string }) {
  return withDraft({ courseId: w.courseId, authorId: w.userId }, (d) => duplicateDraftBlock(d, w.usageKey));
}

export async function deleteItem(w: Who & { usageKey: string }) {
  return withDraft({ courseId: w.courseId, authorId: w.userId }, (d) => deleteDraftBlock(d, w.usageKey));
}

export async function moveItem(w: Who & { usageKey: string; parentUsageKey: string; position: number }) {
  await withDraft({ courseId: w.courseId, authorId: w.userId }, (d) => moveDraftBlock(d, w.usageKey, w.parentUsageKey, w.position));
}

/** Subsection settings as Open edX stores them: dates as ISO strings, "graded as" = format + graded. */
export async function updateSubsectionSettings(
  w: Who & { usageKey: string; start: string | null; due: string | null; format: string | null; visibleToStaffOnly: boolean },
) {
  return withDraft({ courseId: w.courseId, authorId: w.userId }, async (d) => {
    const row = await getDraftBlock({ versionId: d.versionId, usageKey: w.usageKey, db: d.tx });
    if (!row) throw new AppError("not_found:block", "That subsection no longer exists.");
    if (row.blockType !== "sequential") throw new AppError("invalid:block", "Dates and grading are set on subsections.");
    const fields: Record<string, unknown> = { ...row.fields };
    const set = (k: string, v: unknown) => {
      if (v === null || v === undefined || v === false) delete fields[k];
      else fields[k] = v;
    };
    set("start", w.start);
    set("due", w.due);
    set("format", w.format);
    set("graded", w.format ? "true" : null);
    set("visible_to_staff_only", w.visibleToStaffOnly ? "true" : null);
    const { revision } = await updateDraftBlock(d, w.usageKey, { fields });
    return { revision };
  });
}

function componentFromOlx(blockType: string, olx: string) {
  if (blockType === "html") {
    const h = htmlBodyOf(olx);
    if (!h) throw new OlxError("the element must be <html>");
    return { fields: h.fields, definition: h.body, displayName: typeof h.fields.display_name === "string" ? h.fields.display_name : null };
  }
  return parseComponentOlx(blockType, olx);
}

function invalidOlx(err: unknown): never {
  if (err instanceof OlxError || err instanceof Error) throw new AppError("invalid:olx", `The OLX is not valid: ${err.message}`, { fieldErrors: { olx: err.message } });
  throw err;
}

export async function addComponent(w: Who & { courseKey: string; unitUsageKey: string; blockType: string; olx?: string; position?: number }) {
  if (!/^[a-z][a-z0-9_-]*$/i.test(w.blockType) || ["course", "chapter", "sequential", "vertical"].includes(w.blockType)) {
    throw new AppError("invalid:block-type", "That is not a component type.");
  }
  let parsed;
  try {
    parsed = componentFromOlx(w.blockType, w.olx ?? blankComponentOlx(w.blockType));
  } catch (err) {
    invalidOlx(err);
  }
  // As Open edX: a component without display_name keeps none (the editors show its type's name).
  const displayName = parsed.displayName;
  const fields = { ...parsed.fields };
  const definitionHash = await storeText(w.courseKey, parsed.definition);
  return withDraft({ courseId: w.courseId, authorId: w.userId }, (d) =>
    insertDraftBlock(d, w.unitUsageKey, {
      blockType: w.blockType,
      displayName,
      fields,
      definitionHash,
      unsupportedReason: unsupportedOf(w.blockType, parsed.definition),
      position: w.position,
    }),
  );
}

export type SaveComponentContent = { kind: "html"; displayName: string; html: string } | { kind: "olx"; olx: string; markdown?: string | null };

export async function saveComponent(w: Who & { courseKey: string; usageKey: string; baseRevision: string; content: SaveComponentContent }) {
  const { blockType } = await currentType(w.courseId, w.usageKey);
  let fields: Record<string, unknown> | undefined;
  let definition: string;
  let displayName: string | undefined; // html only: the other kinds take it from the element
  if (w.content.kind === "html") {
    if (blockType !== "html") throw new AppError("invalid:block", "Only Text components are saved as HTML.");
    definition = w.content.html;
    displayName = w.content.displayName.trim() || defaultName("html");
  } else {
    let parsed;
    try {
      parsed = componentFromOlx(blockType, w.content.olx);
    } catch (err) {
      invalidOlx(err);
    }
    definition = parsed.definition;
    fields = { ...parsed.fields };
    if (w.content.markdown !== undefined) {
      if (w.content.markdown === null) delete fields.markdown;
      else fields.markdown = w.content.markdown;
    }
  }
  const definitionHash = await storeText(w.courseKey, definition);
  return withDraft({ courseId: w.courseId, authorId: w.userId }, async (d) => {
    const row = await getDraftBlock({ versionId: d.versionId, usageKey: w.usageKey, db: d.tx });
    const baseFields = fields ?? { ...(row?.fields ?? {}) };
    const { revision } = await updateDraftBlock(d, w.usageKey, {
      displayName,
      fields: baseFields,
      definitionHash,
      unsupportedReason: unsupportedOf(blockType, definition),
      baseRevision: w.baseRevision,
    });
    return { revision };
  });
}

async function currentType(courseId: number, usageKey: string): Promise<{ blockType: string }> {
  const m = /\+type@([^+]+)\+block@/.exec(usageKey);
  if (!m) throw new AppError("not_found:block", "That component does not exist.");
  void courseId;
  return { blockType: m[1] };
}

/**
 * Publishes; when what a grade depends on changed (grading policy, a subsection's graded-as or
 * due), queues a regrade job in the same transaction. The caller runs it after commit
 * (lib/studio/regrade.ts runRegradeJob).
 */
export async function publish(w: Who & { usageKey?: string | null }): Promise<{ versionId: number; regradeJobId: number | null }> {
  return withDraft({ courseId: w.courseId, authorId: w.userId }, async (d) => {
    const pubId = d.course.publishedVersionId;
    const before = pubId ? await getGradingFacts({ versionId: pubId, db: d.tx }) : null;
    const out = await publishDraft(d, w.usageKey ?? null, w.userId);
    let regradeJobId: number | null = null;
    if (before) {
      const now = await getGradingFacts({ versionId: out.versionId, db: d.tx });
      if (gradingPolicyChanged(before.gradingPolicy, now.gradingPolicy) || before.subsections !== now.subsections) {
        regradeJobId = await createJob({ kind: REGRADE_JOB_KIND, courseKey: d.courseKey, createdBy: w.userId, payload: { courseId: w.courseId, versionId: out.versionId }, db: d.tx });
      }
    }
    return { ...out, regradeJobId };
  });
}

export async function discardChanges(w: Who & { usageKey: string }) {
  await withDraft({ courseId: w.courseId, authorId: w.userId }, async (d) => {
    const row = await getDraftBlock({ versionId: d.versionId, usageKey: w.usageKey, db: d.tx });
    if (!row) throw new AppError("not_found:block", "That unit no longer exists.");
    if (row.blockType !== "vertical") throw new AppError("invalid:block", "Changes are discarded unit by unit.");
    await discardDraftUnit(d, w.usageKey);
  });
}

export async function addDraftAsset(w: Who & { file: { path: string; hash: string; contentType: string; size: number } }) {
  await withDraft({ courseId: w.courseId, authorId: w.userId }, (d) => putDraftAsset(d, w.file));
}
