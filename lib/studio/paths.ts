// Studio URLs (pure).
export const studioCoursePath = (courseKey: string) => `/studio/courses/${encodeURIComponent(courseKey)}`;
export const outlinePath = (courseKey: string) => `${studioCoursePath(courseKey)}/outline`;
export const unitPath = (courseKey: string, unitUsageKey: string) => `${studioCoursePath(courseKey)}/units/${encodeURIComponent(unitUsageKey)}`;
export const previewPath = (courseKey: string, unitUsageKey: string) => `${studioCoursePath(courseKey)}/preview/${encodeURIComponent(unitUsageKey)}`;
export const liveUnitPath = (courseKey: string, urlName: string) => `/courses/${encodeURIComponent(courseKey)}/jump/${encodeURIComponent(urlName)}`;
