// The Studio gate. Runs on the server for every Studio page: anonymous visitors go to sign in,
// signed-in people who are not authors get a 403 page. (Pages and actions inside still check
// their own course-level permission; this only keeps non-authors out of the whole area.)
import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { canGlobal } from "@/lib/auth/permissions";
import { actorOf, requireUser } from "@/lib/auth/session";
import { userHasAnyCourseRole } from "@/lib/db/queries/users";

export const dynamic = "force-dynamic";

export default async function StudioLayout({ children }: { children: ReactNode }) {
  const user = await requireUser("/studio");
  const actor = actorOf(user);
  const hasAnyCourseRole = user.isAdmin || user.canCreateCourses ? false : await userHasAnyCourseRole({ userId: user.id });
  if (!canGlobal(actor, "studio:access", { hasAnyCourseRole })) forbidden();
  return <div data-area="studio">{children}</div>;
}
