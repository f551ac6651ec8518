// Rendered (with HTTP 401) when a page calls unauthorized(): not signed in. Our own view instead
// of Next's default, a client component so that it is not embedded in every page's Flight data
// (components/shell/boundary-views.tsx).
import { UnauthorizedView } from "@/components/shell/boundary-views";

export default function Unauthorized() {
  return <UnauthorizedView />;
}
