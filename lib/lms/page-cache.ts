import "server-only";
// The learner page cache: the course home and the units whose HTML depends only on the course
// version are rendered once per (version, course settings, audience, release epoch, path) and then
// served from memory to every learner of that audience, with a fresh CSP nonce each time. What
// belongs to one learner (marks, scores, Resume, bookmarks, who is signed in) is not in that HTML:
// the page's client islands read it from GET /api/lms/courses/<key>/state and /api/me.
//
// proxy.ts asks answerFromCache() for a browser's document request of such a page. Here, on every
// request, access is checked as the page itself would (signed in, enrolled or staff, published
// course) and the key is built from the database's current published version (one round trip), so
// a publish shows on the next request on every instance. A page the cache does not answer —
// anonymous, not enrolled, unknown unit, a unit with personalized blocks (library picks, split tests, conditionals) — is left to
// Next to render for this user, exactly as without the cache. A miss renders the page once over
// loopback in "shared" mode (concurrent misses of one key wait for the same render).
// The cache is per process and keyed by immutable ids only: instances may hold different pages,
// never different answers.
import { createHash } from "node:crypto";
import { actorOf, claimsOfCookie, sessionUserOf } from "@/lib/auth/session";
import { canCourse } from "@/lib/auth/permissions";
import type { CourseRow } from "@/lib/db/queries/catalog";
import { getCourseAccessBySession } from "@/lib/db/queries/course-access";
import { getLearnerView, getVersionData, sharedPages, type SharedPage } from "@/lib/db/queries/courseware";
import { VIEW_AS_LEARNER_COOKIE } from "@/lib/lms/course-context";
import { findUnit } from "@/lib/lms/outline";
import { audienceOf, isSharedUnit, pageCacheKey, type RequestKind, parseCoursePagePath, releaseDates, releaseEpoch, sharedPageOf, withNonce } from "@/lib/lms/page-cache-key";
import { RENDER_NONCE_HEADER, RENDER_TOKEN_HEADER, renderToken } from "@/lib/render-headers";
import { newNonce } from "@/lib/security-headers";

/** Where this process listens (next start sets both; the loopback render goes there). */
function selfOrigin(): string {
  return process.env.__NEXT_PRIVATE_ORIGIN || `http://127.0.0.1:${process.env.PORT ?? "3000"}`;
}

/** The headers of a page answered from the cache (the proxy adds the CSP and security headers). */
export const PAGE_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "private, no-cache, no-store, max-age=0, must-revalidate",
  Vary: "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch",
};

/** Request headers a loopback render must not forward (hop-by-hop, or answered by this hop). */
const DROP_REQUEST = new Set(["host", "connection", "keep-alive", "content-length", "transfer-encoding", "accept-encoding", "upgrade", "expect"]);

type Decision = { key: string } | { bypass: string };

/** Who is asking and what they may see: the cache key, or why this request is not answered from the cache. */
async function decide(pathname: string, cookies: { name: string; value: string }[]): Promise<Decision> {
  const page = parseCoursePagePath(pathname);
  if (!page) return { bypass: "path" };
  const claims = await claimsOfCookie(cookies);
  if (!claims) return { bypass: "anonymous" };
  // One round trip: the course, the session's user and the user's roles and enrollment in it.
  const access = await getCourseAccessBySession({ userId: claims.uid, sid: claims.sid, courseKey: page.courseKey });
  const publishedVersionId = access?.course.publishedVersionId;
  if (!access || !publishedVersionId) return { bypass: "course" };
  const { course } = access;
  const user = sessionUserOf({ claims, row: access.user });
  if (!user) return { bypass: "anonymous" };
  const version = await getVersionData({ versionId: publishedVersionId });
  const facts = { roles: access.roles, enrolled: access.enrolled, catalogVisibility: course.catalogVisibility };
  const actor = actorOf(user);
  if (!version || !canCourse(actor, "course:view-courseware", facts)) return { bypass: "access" };
  const isStaff = canCourse(actor, "course:view-staff-content", facts);
  const audience = audienceOf({ isStaff, viewingAsLearner: isStaff && cookies.some((c) => c.name === VIEW_AS_LEARNER_COOKIE && c.value === "1") });
  const now = Date.now();
  if (page.kind === "unit") {
    const view = getLearnerView({ version, viewer: { staff: audience === "staff", now: new Date(now) } });
    const found = findUnit(view, page.subsection, page.unit);
    if (!found) return { bypass: "unit" };
    // The unit's own blocks must render alike for everyone (a problem that differs per learner is
    // not in the page: it comes with the learner's state); of the subsection's other units the page
    // shows only the sequence bar's titles and icons, which come from the audience's view.
    if (!isSharedUnit(found.ref.unit)) return { bypass: "personal" };
  }
  return {
    key: pageCacheKey({
      courseId: course.id,
      versionId: version.versionId,
      courseDigest: digestOf(course),
      audience,
      epoch: releaseEpoch(releaseDates(version.outline), now),
      pathname,
    }),
  };
}

/** What of the course row its pages show (not the bookkeeping columns a Studio edit touches). */
function digestOf(course: CourseRow): string {
  const { updatedAt: _u, createdAt: _c, createdBy: _b, draftVersionId: _d, ...shown } = course;
  return createHash("sha1").update(JSON.stringify(shown)).digest("base64url");
}

/** Renders `path` (with its query: a router request's `_rsc`) in this process over loopback for the audience (the caller's cookies pass access checks). */
function renderOverLoopback(req: Request, path: string, nonce: string): Promise<Response> {
  const headers = new Headers();
  for (const [k, v] of req.headers) if (!DROP_REQUEST.has(k) && !k.startsWith("x-atrium-") && !k.startsWith("x-middleware")) headers.set(k, v);
  headers.set(RENDER_TOKEN_HEADER, renderToken());
  headers.set(RENDER_NONCE_HEADER, nonce);
  // Waiting requests share this render: a hung one must not hold them for ever.
  return fetch(new URL(path, selfOrigin()), { headers, redirect: "manual", cache: "no-store", signal: AbortSignal.timeout(RENDER_TIMEOUT_MS) });
}

const RENDER_TIMEOUT_MS = 30_000;

const RENDER_ERROR = /:E\{\\?"digest\\?"|data-dgst=/;

const inflight = new Map<string, Promise<SharedPage | null>>();

/** What a shared render must answer to be kept: a page's HTML, or the router's Flight data. */
const CONTENT_TYPE: Record<RequestKind, string> = { document: "text/html", flight: "text/x-component" };

/** The shared page for a key: from the cache, or rendered once however many requests wait for it. */
function sharedPage(req: Request, key: string, path: string, kind: RequestKind): { page: SharedPage; hit: true } | { page: Promise<SharedPage | null>; hit: false } {
  const cached = sharedPages.get(key);
  if (cached) return { page: cached, hit: true };
  let pending = inflight.get(key);
  if (!pending) {
    // A nonce like the proxy's own (same length): each answer writes its nonce in the same bytes.
    const nonce = newNonce();
    pending = renderOverLoopback(req, path, nonce)
      .then(async (res) => {
        // Only a complete 200 page is shared; anything else (a redirect, a 404) is answered per user.
        if (res.status !== 200 || !res.headers.get("content-type")?.startsWith(CONTENT_TYPE[kind])) {
          await res.body?.cancel();
          return null;
        }
        const text = await res.text();
        const page: SharedPage = sharedPageOf(text, nonce);
        if (kind === "flight") page.headers = [...res.headers].filter(([k]) => k === "content-type" || k.startsWith("x-nextjs-"));
        // A server error after the response began streams inside a 200 (an error digest in the
        // Flight data or an SSR error template): such a page is answered once, never kept.
        if (!RENDER_ERROR.test(text)) sharedPages.set(key, page, 256 + page.body.length + 8 * page.nonceOffsets.length);
        return page;
      })
      .catch((err: unknown) => {
        // The loopback render failed (the instance cannot reach its own address, a timeout…):
        // this request is rendered for its user instead, as without the cache.
        console.error("[atrium] page cache: the shared render failed", err);
        return null;
      })
      .finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  return { page: pending, hit: false };
}

/** A Flight answer's part of the key (Next checks the request's `_rsc` against the same headers, so the loopback render keeps the query). */
function variantOf(req: Request, kind: RequestKind): string {
  if (kind === "document") return "";
  const h = req.headers;
  return `|flight|${createHash("sha1").update(`${h.get("next-router-state-tree") ?? ""}\n${h.get("next-url") ?? ""}`).digest("base64url")}`;
}

/**
 * The page from the cache (rendered now on a miss), or why Next should render it for this user
 * instead. The proxy calls this for a browser's plain GET of a course home or unit, and for a
 * client navigation's Flight GET of one (not a prefetch).
 */
export async function answerFromCache(
  req: Request,
  cookies: { name: string; value: string }[],
  nonce: string,
  kind: RequestKind = "document",
): Promise<{ body: Uint8Array<ArrayBuffer>; headers: [string, string][]; status: "hit" | "miss" } | { bypass: string }> {
  const url = new URL(req.url);
  // A failed read (the database is down…) leaves the request to Next, whose pages answer it as
  // usual (503 with a message while the database is unreachable).
  const decision = await decide(url.pathname, cookies).catch((): Decision => ({ bypass: "error" }));
  if ("bypass" in decision) return decision;
  const found = sharedPage(req, decision.key + variantOf(req, kind), kind === "flight" ? url.pathname + url.search : url.pathname, kind);
  const page = found.hit ? found.page : await found.page;
  if (!page) return { bypass: "render" };
  return { body: withNonce(page, nonce), headers: page.headers ?? [], status: found.hit ? "hit" : "miss" };
}
