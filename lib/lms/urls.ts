// Learner-facing URLs. url_names may hold ':' and other odd characters, so every dynamic segment
// is percent-encoded here and decoded once by the pages (safeDecode).

/** Encodes one path segment (also ':' so a segment never looks like a scheme). */
export function seg(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Decodes a route param; a malformed escape yields null (→ 404) instead of throwing. */
export function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export const catalogHref = () => "/courses";
export const courseHref = (courseKey: string) => `/courses/${seg(courseKey)}`;
export const aboutHref = (courseKey: string) => `/courses/${seg(courseKey)}/about`;
export const datesHref = (courseKey: string) => `/courses/${seg(courseKey)}/dates`;
export const progressHref = (courseKey: string) => `/courses/${seg(courseKey)}/progress`;
export const instructorHref = (courseKey: string) => `/courses/${seg(courseKey)}/instructor`;
export const discussionHref = (courseKey: string) => `/courses/${seg(courseKey)}/discussion`;
export const learnHref = (courseKey: string, subsectionUrlName: string, unitUrlName: string) =>
  `/courses/${seg(courseKey)}/learn/${seg(subsectionUrlName)}/${seg(unitUrlName)}`;
/** Jump to a block by url_name: resolved by the jump route to its unit. */
export const jumpHref = (courseKey: string, urlName: string) => `/courses/${seg(courseKey)}/jump/${seg(urlName)}`;

/** A course asset. `v` (content hash prefix) makes the URL change when the bytes do, so it can be cached forever. */
export function assetHref(courseKey: string, path: string, hash?: string | null): string {
  const p = path.split("/").map(seg).join("/");
  return `/assets/${seg(courseKey)}/${p}${hash ? `?v=${hash.slice(0, 16)}` : ""}`;
}
