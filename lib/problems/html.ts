// Problem HTML fragments (text, labels, choices, hints, solutions) as learners get them: the same
// link rewriting and sanitizing as html blocks (lib/lms/html), so /static/ links reach the asset
// route and no script or event handler survives.
import { buildAssetIndex, renderCourseHtml, rewriteUrl } from "@/lib/lms/html";

const NO_ASSETS = buildAssetIndex([]);

export function sanitizeProblemHtml(html: string, courseKey: string): string {
  return renderCourseHtml(html, { courseKey, assets: NO_ASSETS });
}

/** An image URL from problem markup (an imageinput's src): rewritten as an <img> src in problem
 *  HTML is (/static/, /c4x/, asset-v1: → the asset route); only http(s) and same-site paths are
 *  kept, anything else (javascript:, data:, …) becomes "". */
export function problemImageSrc(src: string, courseKey: string): string {
  const url = rewriteUrl(src, { courseKey, assets: NO_ASSETS }).trim();
  if (/^https?:\/\//i.test(url)) return url;
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return url;
  return "";
}
