// Schedule & details (Open edX Studio's settings/details page), PURE: the date rules Studio
// enforces, the intro video's about/video.html (a YouTube iframe, as Open edX stores it) and the
// field checks. Dates arrive as UTC ISO strings (the browser converted from the author's zone).

export interface CourseDates {
  start: string | null;
  end: string | null;
  enrollmentStart: string | null;
  enrollmentEnd: string | null;
}

export type DateField = keyof CourseDates;

function t(v: string | null): number | null {
  if (!v) return null;
  const n = Date.parse(v);
  return Number.isNaN(n) ? null : n;
}

/**
 * Open edX Studio's date rules; every broken rule is a message next to the field it names.
 * An empty object means the combination is possible.
 */
export function validateCourseDates(d: CourseDates): Partial<Record<DateField, string>> {
  const out: Partial<Record<DateField, string>> = {};
  for (const k of ["start", "end", "enrollmentStart", "enrollmentEnd"] as const) {
    if (d[k] && t(d[k]) === null) out[k] = "This is not a date.";
  }
  if (!d.start) out.start = "A course needs a start date.";
  const start = t(d.start);
  const end = t(d.end);
  const es = t(d.enrollmentStart);
  const ee = t(d.enrollmentEnd);
  if (start !== null && end !== null && end <= start) out.end ??= "The course end date must be after the course start date.";
  if (es !== null && ee !== null && es > ee) out.enrollmentStart ??= "The enrollment start date cannot be after the enrollment end date.";
  if (ee !== null && end !== null && ee > end) out.enrollmentEnd ??= "The enrollment end date cannot be after the course end date.";
  if (es !== null && start !== null && es > start) out.enrollmentStart ??= "The enrollment start date cannot be after the course start date.";
  return out;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

/** A YouTube id from an id or a YouTube URL (watch?v=, youtu.be/, embed/); null when it is neither. */
export function parseYoutubeId(input: string): string | null {
  const s = input.trim();
  if (YOUTUBE_ID.test(s)) return s;
  const m = /(?:youtube(?:-nocookie)?\.com\/(?:watch\?(?:.*&)?v=|embed\/|shorts\/)|youtu\.be\/)([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])/.exec(s);
  return m ? m[1] : null;
}

/** about/video.html as Open edX Studio writes it for an intro video id. */
export function introVideoHtml(id: string): string {
  return `<iframe width="560" height="315" src="https://www.youtube.com/embed/${id}?rel=0" frameborder="0" allowfullscreen=""></iframe>`;
}

/** The YouTube id in an about/video.html (Open edX: the embed iframe), or null. */
export function youtubeIdOfVideoHtml(html: string | null): string | null {
  if (!html) return null;
  const m = /youtube(?:-nocookie)?\.com\/embed\/([A-Za-z0-9_-]{11})/.exec(html);
  return m ? m[1] : null;
}

/** A language code as Open edX lists them (en, fr, zh-cn, pt-br …). */
export function isLanguageCode(v: string): boolean {
  return /^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/.test(v);
}

/** Languages offered in the picker (Open edX's ALL_LANGUAGES is longer; any code above is kept). */
export const COMMON_LANGUAGES: ReadonlyArray<[string, string]> = [
  ["en", "English"], ["ar", "Arabic"], ["zh-cn", "Chinese (simplified)"], ["nl", "Dutch"], ["fr", "French"],
  ["de", "German"], ["hi", "Hindi"], ["it", "Italian"], ["ja", "Japanese"], ["ko", "Korean"], ["pl", "Polish"],
  ["pt-br", "Portuguese (Brazil)"], ["pt", "Portuguese"], ["ru", "Russian"], ["es", "Spanish"], ["sv", "Swedish"],
  ["tr", "Turkish"], ["uk", "Ukrainian"],
];

/** A course image path inside the course's static files (no traversal, no URL). */
export function isCourseFilePath(v: string): boolean {
  return v.length > 0 && v.length <= 512 && !v.startsWith("/") && !v.includes("..") && !/^[a-z]+:/i.test(v) && !v.includes("\\");
}

/** Plain text of an effort value as Open edX shows it (e.g. "4 hours/week"); max 64 characters. */
export const EFFORT_MAX = 64;
