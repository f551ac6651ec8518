// Helpers shared by this folder's integration tests (not imported by app code).
import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { courseAssets, courseBlocks, courseDocuments, courseRoles, courseVersions, courses, users } from "@/lib/db/schema";
import type { OlxBlock, OlxCourse } from "@/lib/olx/types";
import { courseKeyOf } from "@/lib/olx/types";
import type { SessionUser } from "@/lib/auth/session";

export const uniq = () => randomBytes(4).toString("hex");

function leaf(type: string, urlName: string, definition: string, fields: Record<string, unknown> = {}): OlxBlock {
  return { type, urlName, fields: { display_name: `${type} ${urlName}`, ...fields }, settings: { display_name: `${type} ${urlName}`, ...fields }, children: [], definition };
}

function container(type: string, urlName: string, children: OlxBlock[], settings: Record<string, unknown> = {}): OlxBlock {
  return { type, urlName, fields: { display_name: `${type} ${urlName}` }, settings: { display_name: `${type} ${urlName}`, ...settings }, children };
}

/** A small course built by hand: 1 course, 2 chapters, 2 sequentials, 3 verticals, html/problem/video/poll leaves. */
export function makeCourse(opts: { org?: string; number?: string; run?: string; title?: string; htmlBody?: string; drafts?: OlxBlock[] } = {}): OlxCourse {
  const org = opts.org ?? `T${uniq()}`;
  const number = opts.number ?? "C101";
  const run = opts.run ?? "2026";
  const root = container(
    "course",
    run,
    [
      container("chapter", "ch1", [
        container("sequential", "seq1", [
          container("vertical", "v1", [
            leaf("html", "h1", opts.htmlBody ?? "<p>Hello <b>world</b> <img src=\"/static/images/logo.png\"/></p>"),
            leaf("problem", "p1", '<problem><multiplechoiceresponse><choicegroup type="MultipleChoice"><choice correct="true">A</choice><choice correct="false">B</choice></choicegroup></multiplechoiceresponse></problem>'),
          ]),
          container("vertical", "v2", [leaf("video", "vid1", '<video youtube_id_1_0="abc" display_name="Intro"/>'), leaf("poll", "poll1", '<poll url_name="poll1" question="Why?"/>')]),
        ], { graded: true, format: "Homework", due: "2030-01-01T00:00:00+00:00" }),
      ]),
      container("chapter", "ch2", [container("sequential", "seq2", [container("vertical", "v3", [leaf("html", "h2", "<p>Same body</p>"), leaf("html", "h3", "<p>Same body</p>")])])]),
    ],
    { start: "2026-01-01T00:00:00Z", self_paced: "true", course_image: "images/logo.png", catalog_visibility: "about", enrollment_start: "2025-12-01T00:00" },
  );
  root.fields.display_name = opts.title ?? "Hand-made course";
  root.settings.display_name = opts.title ?? "Hand-made course";
  return {
    org,
    course: number,
    run,
    courseKey: courseKeyOf(org, number, run),
    root,
    drafts: opts.drafts ?? [],
    gradingPolicy: { GRADER: [{ type: "Homework", min_count: 1, drop_count: 0, weight: 1 }], GRADE_CUTOFFS: { Pass: 0.5 } },
    meta: { url_name: run, org, course: number },
    assets: [{ path: "images/logo.png", size: 4, contentType: "image/png", locked: false, data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) }],
    documents: [
      { path: "about/short_description.html", kind: "about", data: Buffer.from("A short description.\n") },
      { path: "about/effort.html", kind: "about", data: Buffer.from("<p>4 hours/week</p>") },
      { path: "info/updates.html", kind: "info", data: Buffer.from("<ol></ol>") },
    ],
    warnings: ["made by hand"],
  };
}

/** Everything MySQL holds about one course, for before/after comparisons. */
export async function snapshotCourse(courseKey: string) {
  const db = getDb();
  const [course] = await db.select().from(courses).where(eq(courses.courseKey, courseKey));
  if (!course) return null;
  const versions = await db.select().from(courseVersions).where(eq(courseVersions.courseId, course.id)).orderBy(courseVersions.id);
  const ids = versions.map((v) => v.id);
  const blocks = ids.length ? await db.select().from(courseBlocks).where(inArray(courseBlocks.versionId, ids)).orderBy(courseBlocks.id) : [];
  const assets = ids.length ? await db.select().from(courseAssets).where(inArray(courseAssets.versionId, ids)).orderBy(courseAssets.id) : [];
  const documents = ids.length ? await db.select().from(courseDocuments).where(inArray(courseDocuments.versionId, ids)).orderBy(courseDocuments.id) : [];
  const roles = await db.select().from(courseRoles).where(eq(courseRoles.courseId, course.id));
  return { course, versions, blocks, assets, documents, roles };
}

export async function createUser(prefix: string, flags: { isAdmin?: boolean; canCreateCourses?: boolean } = {}) {
  const username = `${prefix}${uniq()}`.slice(0, 30);
  const [{ id }] = await getDb()
    .insert(users)
    .values({
      email: `${username}@example.test`,
      emailNormalized: `${username}@example.test`.toLowerCase(),
      username,
      usernameNormalized: username.toLowerCase(),
      fullName: username,
      passwordHash: "x",
      isAdmin: flags.isAdmin ?? false,
      canCreateCourses: flags.canCreateCourses ?? false,
    })
    .$returningId();
  return { id, username };
}

/** The session user a route or action sees for a row made by createUser (tests stub getCurrentUser with it). */
export function asUser(u: { id: number; username: string }, flags: Partial<SessionUser> = {}): SessionUser {
  return { id: u.id, email: `${u.username}@example.test`, username: u.username, fullName: u.username, isAdmin: false, canCreateCourses: false, isActive: true, ...flags };
}
