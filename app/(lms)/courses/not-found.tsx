// A course, section or unit that does not exist (or is not released). The view is a client
// component so that it is not embedded in every course page's Flight data
// (components/shell/boundary-views.tsx).
import { CourseNotFoundView } from "@/components/shell/boundary-views";

export default function CourseNotFound() {
  return <CourseNotFoundView />;
}
