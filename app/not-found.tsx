// The 404 view (components/shell/boundary-views.tsx: a client component, so that it is not
// embedded in every page's Flight data).
import { NotFoundView } from "@/components/shell/boundary-views";

export default function NotFound() {
  return <NotFoundView />;
}
