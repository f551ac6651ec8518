// Where the Studio rich-text editor loads a course file from while the author edits (pure).
// The stored HTML keeps Open edX's portable `/static/<path>` form (what export writes and the
// LMS rewrites per version); only the editor's on-screen <img> points at the course's asset route,
// which serves the working copy's files to the course team.
import { assetHref } from "@/lib/lms/urls";

function tryDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The URL an editor shows for an image whose stored src is `src` (unchanged unless it names a course file). */
export function editorImageSrc(courseKey: string, src: string | null | undefined): string {
  if (!src) return "";
  const s = src.trim();
  const m = /^\/static\/([^?#]+)([?#].*)?$/.exec(s) ?? /(?:^|\/)asset-v1:[^/]*?\+type@asset\+block@([^?#]+)([?#].*)?$/.exec(s);
  if (!m) return s;
  return assetHref(courseKey, tryDecode(m[1])) + (m[2] ?? "");
}
