// Validates an OLX export without keeping or writing anything: the CLI's `olx check`.
import { readOlx } from "./read";
import type { ReadOlxOptions } from "./source";
import { countBlocks } from "./tree";
import { OlxError } from "./types";

export interface CheckResult {
  ok: boolean;
  /** Present when the export could be read. */
  course?: {
    courseKey: string;
    displayName: string | null;
    /** Blocks reachable from the root by type, the root itself included. */
    blocks: Record<string, number>;
    drafts: number;
    assets: number;
    documents: number;
    unsupported: Record<string, number>;
  };
  warnings: string[];
  /** Legacy forms read the way Open edX reads them (not problems). */
  notes: string[];
  errors: Array<{ message: string; file?: string; line?: number }>;
}

export async function checkOlx(source: string, opts?: ReadOlxOptions): Promise<CheckResult> {
  try {
    const c = await readOlx(source, opts);
    await c.dispose?.(); // only the model is checked: the assets' temporary files can go
    const unsupported: Record<string, number> = {};
    const stack = [c.root];
    while (stack.length) {
      const b = stack.pop()!;
      if (b.unsupportedReason) unsupported[b.type] = (unsupported[b.type] ?? 0) + 1;
      stack.push(...b.children);
    }
    const dn = c.root.fields.display_name;
    return {
      ok: true,
      course: {
        courseKey: c.courseKey,
        displayName: typeof dn === "string" ? dn : null,
        blocks: countBlocks(c.root),
        drafts: c.drafts.length,
        assets: c.assets.length,
        documents: c.documents.length,
        unsupported,
      },
      warnings: c.warnings,
      notes: c.notes ?? [],
      errors: [],
    };
  } catch (err) {
    if (err instanceof OlxError) {
      return { ok: false, warnings: [], notes: [], errors: [{ message: err.message, file: err.file, line: err.line }] };
    }
    throw err;
  }
}
