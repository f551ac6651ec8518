import "server-only";
// The JSON reads proxy.ts answers itself, for a GET, before Next builds a second request object
// and runs its route machinery — most of the cost of a small JSON read (forum bench: about 1.1 ms
// of server CPU a read). Each is the per-reader half of a page whose shared half comes from the
// page cache or a client island: the learner's state of a course (lib/lms/state-route.ts), who is
// signed in (/api/me, lib/shell/header-data.ts) and the forum's reads (lib/forum/read-routes.ts).
// Each answers through the same function as its route file, with the caller taken from the
// request's own cookies (lib/auth/session.ts userOfCookies / claimsOfCookie) and the same checks;
// the route files still declare the URLs to Next and answer what the proxy does not (a HEAD).
import { answerForumRead } from "@/lib/forum/read-routes";
import { answerStateRead } from "@/lib/lms/state-route";
import { answerMeRead } from "@/lib/shell/header-data";

/** The answer to a GET of `url` when it is one of these reads, else null (Next routes it). */
export function answerRead(url: URL, cookies: { name: string; value: string }[]): Promise<Response> | null {
  if (!url.pathname.startsWith("/api/")) return null;
  return answerForumRead(url, cookies) ?? answerStateRead(url, cookies) ?? answerMeRead(url, cookies);
}
