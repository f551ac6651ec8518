// Course static assets of the published version (and, for course staff, files only in the Studio
// draft, so the unit preview shows them): right content type, ETag = content hash,
// immutable caching when the URL carries the hash (?v=), HTTP Range (206) for media, and locked
// assets only for enrolled learners and staff (401 anonymous, 403 others). `?format=vtt` serves
// a transcript (.srt/.sjson/.vtt) as WebVTT for <track>, `?format=json` as its cues
// ({"cues":[{start,end,text}]}, seconds) for the video player's transcript panel, which loads them
// itself instead of receiving them in the page. Course files never run script on the
// site's origin: lib/lms/asset-policy.ts decides inline / sandboxed / attachment from the stored
// type, and with ASSET_ORIGIN set, active files are redirected to that origin (lib/lms/asset-origin.ts).
// `?jsinput=1` serves an HTML page with the jsinput postMessage bridge (lib/lms/jsinput-bridge.ts)
// under `sandbox allow-scripts`, after the same access checks.
import { Readable } from "node:stream";
import { getCurrentUser, actorOf } from "@/lib/auth/session";
import { getCourseFacts } from "@/lib/auth/course-access";
import { canCourse } from "@/lib/auth/permissions";
import { getCourseByKey } from "@/lib/db/queries/catalog";
import { getAsset } from "@/lib/db/queries/courses";
import { getBlobText, getTranscriptCues, getVersionData, type AssetInfo, type VersionData } from "@/lib/db/queries/courseware";
import { getContentStore } from "@/lib/content";
import { parseRange } from "@/lib/lms/range";
import { isTranscriptFormat, parseTranscript, toVtt, type Cue } from "@/lib/lms/transcripts";
import { safeDecode } from "@/lib/lms/urls";
import { assetServePolicy } from "@/lib/lms/asset-policy";
import { injectJsinputBridge, JSINPUT_SANDBOX_CSP } from "@/lib/lms/jsinput-bridge";
import { isAssetOriginRequest, signAssetGrant, verifyAssetGrant } from "@/lib/lms/asset-origin";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

const YEAR = 31_536_000;
const JSINPUT_MAX_BYTES = 5 * 1024 * 1024;

function text(status: number, body: string, headers: Record<string, string> = {}) {
  return new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store", ...headers } });
}

function findAsset(version: VersionData, path: string): AssetInfo | undefined {
  return version.assets.get(path) ?? version.assets.get(version.assetIndex.byName.get(path) ?? "");
}

async function draftCues(asset: AssetInfo): Promise<Cue[] | null> {
  try {
    return parseTranscript(asset.path, await getBlobText({ hash: asset.hash }));
  } catch {
    return null;
  }
}

async function serve(req: Request, ctxParams: Promise<{ courseKey: string; path: string[] }>, head: boolean): Promise<Response> {
  const p = await ctxParams;
  const courseKey = safeDecode(p.courseKey);
  const parts = p.path.map(safeDecode);
  if (!courseKey || parts.some((s) => s === null || s === "" || s === "." || s === "..")) return text(404, "Not found");
  const path = (parts as string[]).join("/");
  const course = await getCourseByKey({ courseKey });
  if (!course) return text(404, "Not found");
  const version = course.publishedVersionId ? await getVersionData({ versionId: course.publishedVersionId }) : null;
  let asset = version ? findAsset(version, path) : undefined;
  let fromDraft = false;
  if (!asset && course.draftVersionId && course.draftVersionId !== course.publishedVersionId) {
    // A file only in the Studio draft (just uploaded, not yet published): course staff previewing
    // their draft may read it; nobody else learns that it exists.
    const user = await getCurrentUser();
    const facts = user ? await getCourseFacts({ userId: user.id, courseId: course.id }) : null;
    if (user && facts && canCourse(actorOf(user), "studio:view-course", facts)) {
      const row = await getAsset({ versionId: course.draftVersionId, path });
      if (row) {
        asset = { path: row.path, hash: row.hash, contentType: row.contentType, size: row.size, locked: row.locked };
        fromDraft = true;
      }
    }
  }
  if (!asset) return text(404, "Not found");

  const settings = env();
  const url = new URL(req.url);
  const onAssetOrigin = isAssetOriginRequest(req, settings.ASSET_ORIGIN, settings.ATRIUM_TRUST_PROXY);
  if (asset.locked && onAssetOrigin) {
    // No session cookie here: the site origin checked access and signed a grant.
    if (!verifyAssetGrant(settings.NEXTAUTH_SECRET, courseKey, asset.path, url.searchParams.get("grant"))) return text(403, "This link has expired; open the file from the course again.");
  } else if (asset.locked) {
    const user = await getCurrentUser();
    if (!user) return text(401, "Sign in to see this file.");
    const facts = await getCourseFacts({ userId: user.id, courseId: course.id });
    if (!canCourse(actorOf(user), "course:read-locked-asset", facts)) {
      console.warn(`[lms] locked asset refused: user ${user.id} → ${courseKey}/${path}`);
      return text(403, "This file is only available to learners enrolled in the course.");
    }
  }

  const policy = assetServePolicy(asset.contentType, asset.path);
  const format = url.searchParams.get("format");
  // A transcript converted here is passive text (WebVTT or JSON), whatever the file's stored type.
  if (settings.ASSET_ORIGIN && !onAssetOrigin && policy.disposition !== "inline" && !isTranscriptFormat(format)) {
    const target = new URL(url.pathname + url.search, settings.ASSET_ORIGIN);
    if (asset.locked) target.searchParams.set("grant", signAssetGrant(settings.NEXTAUTH_SECRET, courseKey, asset.path));
    return new Response(null, { status: 307, headers: { Location: target.toString(), "Cache-Control": "no-store" } });
  }

  const v = url.searchParams.get("v");
  const pinned = v !== null && v.length >= 8 && asset.hash.startsWith(v);
  const scope = asset.locked || fromDraft ? "private" : "public";
  const cacheControl = pinned ? `${scope}, max-age=${YEAR}, immutable` : `${scope}, max-age=0, must-revalidate`;

  if (isTranscriptFormat(format)) {
    const tEtag = `"${asset.hash}-${format}"`;
    const tHeaders: Record<string, string> = {
      "Content-Type": format === "vtt" ? "text/vtt; charset=utf-8" : "application/json; charset=utf-8",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": cacheControl,
      ETag: tEtag,
    };
    const cues = fromDraft || !version ? await draftCues(asset) : (await getTranscriptCues({ version, fileName: asset.path }))?.cues;
    if (!cues) return text(404, "Not a transcript");
    const inmT = req.headers.get("if-none-match");
    if (inmT && inmT.split(",").some((t) => t.trim().replace(/^W\//, "") === tEtag)) return new Response(null, { status: 304, headers: tHeaders });
    return new Response(head ? null : format === "vtt" ? toVtt(cues) : JSON.stringify({ cues }), { headers: tHeaders });
  }

  if (url.searchParams.get("jsinput") === "1") {
    // A jsinput problem's page (lib/lms/jsinput-bridge.ts): the author's HTML with the postMessage
    // bridge, scripts allowed in an opaque origin only. Same access rules as above.
    if (!["text/html", "application/xhtml+xml"].includes(policy.contentType.split(";")[0])) return text(404, "Not a JavaScript input page");
    if (asset.size > JSINPUT_MAX_BYTES) return text(413, "This page is too large to be used as a JavaScript input.");
    const jsEtag = `"${asset.hash}-jsinput"`;
    const jsHeaders: Record<string, string> = {
      "Content-Type": "text/html; charset=utf-8",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": JSINPUT_SANDBOX_CSP,
      "Cache-Control": cacheControl,
      ETag: jsEtag,
    };
    const inmJs = req.headers.get("if-none-match");
    if (inmJs && inmJs.split(",").some((t) => t.trim().replace(/^W\//, "") === jsEtag)) return new Response(null, { status: 304, headers: jsHeaders });
    let html: string;
    try {
      html = await getBlobText({ hash: asset.hash });
    } catch (err) {
      console.error(`[lms] asset ${courseKey}/${path} unreadable`, err);
      return text(404, "Not found");
    }
    return new Response(head ? null : injectJsinputBridge(html), { status: 200, headers: jsHeaders });
  }

  const etag = `"${asset.hash}"`;
  const headers: Record<string, string> = {
    ...policy.headers,
    "Cache-Control": cacheControl,
    ETag: etag,
    "Accept-Ranges": "bytes",
  };
  const inm = req.headers.get("if-none-match");
  if (inm && inm.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) return new Response(null, { status: 304, headers });

  const ifRange = req.headers.get("if-range");
  const range = ifRange && ifRange !== etag ? null : parseRange(req.headers.get("range"), asset.size);
  if (range === "unsatisfiable") return text(416, "Range not satisfiable", { "Content-Range": `bytes */${asset.size}` });
  const store = getContentStore();
  try {
    if (range) {
      const len = range.end - range.start + 1;
      const body = head ? null : (Readable.toWeb(await store.get(asset.hash, range)) as ReadableStream);
      return new Response(body, { status: 206, headers: { ...headers, "Content-Range": `bytes ${range.start}-${range.end}/${asset.size}`, "Content-Length": String(len) } });
    }
    const body = head ? null : (Readable.toWeb(await store.get(asset.hash)) as ReadableStream);
    return new Response(body, { status: 200, headers: { ...headers, "Content-Length": String(asset.size) } });
  } catch (err) {
    console.error(`[lms] asset ${courseKey}/${path} unreadable`, err);
    return text(404, "Not found");
  }
}

type RouteCtx = { params: Promise<{ courseKey: string; path: string[] }> };

export async function GET(req: Request, { params }: RouteCtx) {
  return serve(req, params, false);
}

export async function HEAD(req: Request, { params }: RouteCtx) {
  return serve(req, params, true);
}
