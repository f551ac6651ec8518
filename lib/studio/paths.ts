// Studio URLs (pure).
export const studioCoursePath = (courseKey: string) => `/studio/courses/${encodeURIComponent(courseKey)}`;
export const outlinePath = (courseKey: string) => `${studioCoursePath(courseKey)}/outline`;
export const unitPath = (courseKey: string, unitUsageKey: string) => `${studioCoursePath(courseKey)}/units/${encodeURIComponent(unitUsageKey)}`;
export const previewPath = (courseKey: string, unitUsageKey: string) => `${studioCoursePath(courseKey)}/preview/${encodeURIComponent(unitUsageKey)}`;
export const liveUnitPath = (courseKey: string, urlName: string) => `/courses/${encodeURIComponent(courseKey)}/jump/${encodeURIComponent(urlName)}`;
export const detailsPath = (courseKey: string) => `${studioCoursePath(courseKey)}/settings/details`;
export const gradingPath = (courseKey: string) => `${studioCoursePath(courseKey)}/settings/grading`;
export const advancedPath = (courseKey: string) => `${studioCoursePath(courseKey)}/settings/advanced`;
export const teamPath = (courseKey: string) => `${studioCoursePath(courseKey)}/team`;
export const filesPath = (courseKey: string) => `${studioCoursePath(courseKey)}/files`;
export const courseImportPath = (courseKey: string) => `${studioCoursePath(courseKey)}/import`;
export const courseExportPath = (courseKey: string) => `${studioCoursePath(courseKey)}/export`;
export const rerunPath = (courseKey: string) => `${studioCoursePath(courseKey)}/rerun`;

/** The tabs of a course in Studio, in Open edX Studio's words and order. */
export function studioCourseTabs(courseKey: string): Array<{ href: string; label: string }> {
  return [
    { href: outlinePath(courseKey), label: "Outline" },
    { href: detailsPath(courseKey), label: "Schedule & details" },
    { href: gradingPath(courseKey), label: "Grading" },
    { href: advancedPath(courseKey), label: "Advanced settings" },
    { href: filesPath(courseKey), label: "Files" },
    { href: teamPath(courseKey), label: "Course team" },
    { href: courseImportPath(courseKey), label: "Import" },
    { href: courseExportPath(courseKey), label: "Export" },
    { href: rerunPath(courseKey), label: "Re-run" },
    { href: studioCoursePath(courseKey), label: "Versions" },
  ];
}
