// Why a problem cannot be answered here, as kept on its block row (course_blocks.unsupported_reason):
// worked out from the problem's XML when a course is imported or edited, with the CAPA support of
// that release. A release that learns a new problem type would leave older imports refusing it, so
// `npm run db:migrate` asks again for every definition stored as unsupported and clears (or
// rewords) what the current release says. No server-only imports: the migrate script runs plain.
import { and, eq, isNotNull } from "drizzle-orm";
import { analyzeProblem } from "@/lib/capa";
import { getContentStore, type ContentStore } from "@/lib/content";
import { getDb, type Db } from "@/lib/db";
import { courseBlocks } from "@/lib/db/schema";

/** The column holds at most this many characters. */
const REASON_MAX = 512;

/** Why this problem XML cannot be answered here, or null when it can. */
export function problemUnsupportedReason(definition: string): string | null {
  let reason: string | null;
  try {
    const a = analyzeProblem(definition);
    reason = a.supported ? null : (a.reason ?? "This problem uses features Atrium cannot run yet.");
  } catch (err) {
    reason = `The problem could not be analysed: ${err instanceof Error ? err.message : String(err)}`;
  }
  return reason === null ? null : reason.slice(0, REASON_MAX);
}

/**
 * Asks again, with this release's CAPA support, for every problem definition stored as unsupported,
 * and updates the rows whose answer changed. Returns how many definitions were checked, how many are
 * now supported and how many rows changed.
 */
export async function refreshProblemAnalysis({ db = getDb(), store = getContentStore() }: { db?: Db; store?: ContentStore } = {}): Promise<{ checked: number; nowSupported: number; rows: number }> {
  const stored = await db
    .selectDistinct({ hash: courseBlocks.definitionHash, reason: courseBlocks.unsupportedReason })
    .from(courseBlocks)
    .where(and(eq(courseBlocks.blockType, "problem"), isNotNull(courseBlocks.unsupportedReason), isNotNull(courseBlocks.definitionHash)));
  let nowSupported = 0;
  let rows = 0;
  for (const { hash, reason } of stored) {
    if (!hash) continue;
    const xml = await store.getText(hash).catch(() => null);
    // A definition the store no longer has keeps its reason (the page says its content is missing).
    if (xml === null) continue;
    const current = problemUnsupportedReason(xml);
    if (current === reason) continue;
    if (current === null) nowSupported++;
    const [res] = await db
      .update(courseBlocks)
      .set({ unsupportedReason: current })
      .where(and(eq(courseBlocks.blockType, "problem"), eq(courseBlocks.definitionHash, hash), isNotNull(courseBlocks.unsupportedReason)));
    rows += res.affectedRows;
  }
  return { checked: stored.length, nowSupported, rows };
}
