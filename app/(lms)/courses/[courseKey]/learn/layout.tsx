// The courseware's client state (the learner's marks and bookmarks, React Query) lives across
// unit navigations of one course.
import type { ReactNode } from "react";
import { LmsQueryProvider } from "@/components/lms/learner-state";

export default function LearnLayout({ children }: { children: ReactNode }) {
  return <LmsQueryProvider>{children}</LmsQueryProvider>;
}
