// Problem HTML fragments (text, labels, choices, hints, solutions) as learners get them: the same
// link rewriting and sanitizing as html blocks (lib/lms/html), so /static/ links reach the asset
// route and no script or event handler survives.
import { buildAssetIndex, renderCourseHtml } from "@/lib/lms/html";

const NO_ASSETS = buildAssetIndex([]);

export function sanitizeProblemHtml(html: string, courseKey: string): string {
  return renderCourseHtml(html, { courseKey, assets: NO_ASSETS });
}
