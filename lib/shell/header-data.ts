import "server-only";
// What the site header shows for this request: who is signed in and whether the Studio link is
// theirs. Loaded by the root layout and handed to components/shell (components never read the
// database). The Studio layout enforces access again; this only decides whether to show the link.
import { unstable_rethrow } from "next/navigation";
import { actorOf, getCurrentUser } from "@/lib/auth/session";
import { canGlobal } from "@/lib/auth/permissions";
import { userHasAnyCourseRole } from "@/lib/db/queries/users";

export interface HeaderData {
  user: { fullName: string; username: string; email: string } | null;
  showStudio: boolean;
}

export async function loadHeaderData(): Promise<HeaderData> {
  const user = await getCurrentUser().catch((err: unknown) => {
    // The header must render even while the database is unreachable.
    unstable_rethrow(err);
    console.error("[atrium] header could not load the user", err);
    return null;
  });
  if (!user) return { user: null, showStudio: false };
  const hasAnyCourseRole =
    user.isAdmin || user.canCreateCourses
      ? false
      : await userHasAnyCourseRole({ userId: user.id }).catch((err: unknown) => {
          unstable_rethrow(err);
          return false;
        });
  return {
    user: { fullName: user.fullName, username: user.username, email: user.email },
    showStudio: canGlobal(actorOf(user), "studio:access", { hasAnyCourseRole }),
  };
}
