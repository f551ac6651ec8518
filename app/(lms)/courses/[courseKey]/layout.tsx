// The courseware's client state (the learner's marks, bookmarks and scores, React Query) lives
// across the navigations of one course: the course home and its units share one query cache, so a
// unit marked complete refreshes the home's marks on the way back.
import type { ReactNode } from "react";
import { LmsQueryProvider } from "@/components/lms/learner-state";

export default function CourseLayout({ children }: { children: ReactNode }) {
  return <LmsQueryProvider>{children}</LmsQueryProvider>;
}
