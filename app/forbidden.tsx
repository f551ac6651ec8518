// Rendered (with HTTP 403) when a page or layout calls forbidden(): signed in, but not allowed.
// The view is a client component so that it is not embedded in every page's Flight data
// (components/shell/boundary-views.tsx).
import { ForbiddenView } from "@/components/shell/boundary-views";

export default function Forbidden() {
  return <ForbiddenView />;
}
