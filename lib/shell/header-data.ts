import "server-only";
// What the site header shows for this request: who is signed in and whether the Studio link is
// theirs. Loaded by the root layout and handed to components/shell (components never read the
// database); the same data is GET /api/me. The Studio layout enforces access again; this only
// decides whether to show the link. On a shared render (lib/shell/shared-render.ts) the layout gets
// `{ deferred: true }` instead: the HTML must hold no one's name, so a client island asks /api/me.
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { actorOf, getCurrentUser, userOfCookies, type SessionUser } from "@/lib/auth/session";
import { canGlobal } from "@/lib/auth/permissions";
import { userHasAnyCourseRole } from "@/lib/db/queries/users";
import { PRIVATE_JSON_HEADERS } from "@/lib/security-headers";
import { isSharedRender } from "@/lib/shell/shared-render";

export interface HeaderData {
  user: { fullName: string; username: string; email: string } | null;
  showStudio: boolean;
}

/** The header's data is left to the client (GET /api/me): this render's HTML is shared. */
export interface DeferredHeaderData {
  deferred: true;
}

/** For the root layout: the caller's header data, or `{ deferred: true }` on a shared render. */
export async function loadHeaderData(): Promise<HeaderData | DeferredHeaderData> {
  if (isSharedRender(await headers())) return { deferred: true };
  return loadHeaderUser();
}

/**
 * Who is signed in and whether the Studio link is theirs (the layout's header, and GET /api/me).
 * `currentUser`: the request's user (getCurrentUser; proxy.ts passes userOfCookies).
 */
export async function loadHeaderUser(currentUser: Promise<SessionUser | null> = getCurrentUser()): Promise<HeaderData> {
  const user = await currentUser.catch((err: unknown) => {
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

/** proxy.ts's answer to a GET of /api/me (lib/proxy-reads.ts), else null. */
export function answerMeRead(url: URL, cookies: { name: string; value: string }[]): Promise<Response> | null {
  if (url.pathname !== "/api/me") return null;
  return loadHeaderUser(userOfCookies(cookies)).then((data) => Response.json(data, { headers: PRIVATE_JSON_HEADERS }));
}
