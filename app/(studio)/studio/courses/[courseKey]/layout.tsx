// Every Studio page of one course: the course's tab row above the page. Links only; each page and
// action below authorizes the caller on this course itself.
import type { ReactNode } from "react";
import { StudioCourseNav } from "@/components/studio/course-nav";

export default async function StudioCourseLayout({ children, params }: { children: ReactNode; params: Promise<{ courseKey: string }> }) {
  const raw = (await params).courseKey;
  let courseKey = raw;
  try {
    courseKey = decodeURIComponent(raw);
  } catch {
    // a malformed key: the page below answers with its own not-found
  }
  return (
    <>
      <StudioCourseNav courseKey={courseKey} />
      {children}
    </>
  );
}
