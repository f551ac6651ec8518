// Test data for the LMS integration tests: a course with one published version whose block rows
// are written directly (so release dates and staff-only flags are exactly what a test needs),
// and users. Names are unique per call: test files run in parallel on one database.
import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db";
import { courseBlocks, courseRoles, courseVersions, courses, userSessions, users } from "@/lib/db/schema";
import { eq } from "drizzle-orm";

export const uniq = () => randomBytes(4).toString("hex");

export interface TestBlock {
  type: string;
  name: string;
  settings?: Record<string, unknown>;
  children?: TestBlock[];
}

export async function createTestUser(prefix: string, flags: { isAdmin?: boolean } = {}) {
  const u = `${prefix}_${uniq()}`;
  const [res] = await getDb()
    .insert(users)
    .values({ email: `${u}@example.test`, emailNormalized: `${u}@example.test`, username: u, usernameNormalized: u, fullName: u, passwordHash: "x", isAdmin: flags.isAdmin ?? false });
  // a live session row, for code that checks the cookie's session in SQL (lib/forum/service.ts loadForum)
  const sid = `test-${uniq()}${uniq()}`;
  await getDb().insert(userSessions).values({ userId: res.insertId, sid, expiresAt: new Date(Date.now() + 86_400_000) });
  return { id: res.insertId, email: `${u}@example.test`, username: u, fullName: u, isAdmin: flags.isAdmin ?? false, canCreateCourses: false, isActive: true, sid };
}

/** Inserts course + version + block rows; settings inherit start and visible_to_staff_only down the tree like the importer does. */
export async function createTestCourse(opts: {
  sections: TestBlock[];
  course?: Partial<typeof courses.$inferInsert>;
  /** extra settings of the course block (advanced settings such as discussion_topics) */
  rootSettings?: Record<string, unknown>;
}): Promise<{ courseId: number; courseKey: string; versionId: number; key: (type: string, name: string) => string }> {
  const db = getDb();
  const org = "LmsT";
  const number = `N${uniq()}`;
  const run = "R1";
  const courseKey = `course-v1:${org}+${number}+${run}`;
  const key = (type: string, name: string) => `block-v1:${org}+${number}+${run}+type@${type}+block@${name}`;
  const [c] = await db.insert(courses).values({ courseKey, org, number, run, displayName: `Course ${number}`, start: new Date("2020-01-01T00:00:00Z"), ...opts.course });
  const courseId = c.insertId;
  const [v] = await db.insert(courseVersions).values({ courseId, source: "import", rootUsageKey: key("course", run) });
  const versionId = v.insertId;
  const rows: (typeof courseBlocks.$inferInsert)[] = [
    { versionId, usageKey: key("course", run), blockType: "course", urlName: run, parentUsageKey: null, position: 0, depth: 0, displayName: "Course", settings: { start: "2020-01-01T00:00:00Z", ...opts.rootSettings }, fields: {} },
  ];
  const walk = (blocks: TestBlock[], parent: string, depth: number, inherited: Record<string, unknown>) => {
    blocks.forEach((b, position) => {
      const settings: Record<string, unknown> = { ...inherited, ...b.settings, display_name: b.name };
      const usageKey = key(b.type, b.name);
      rows.push({ versionId, usageKey, blockType: b.type, urlName: b.name, parentUsageKey: parent, position, depth, displayName: b.name, settings, fields: {} });
      const { start, visible_to_staff_only } = settings;
      walk(b.children ?? [], usageKey, depth + 1, { start, ...(visible_to_staff_only ? { visible_to_staff_only } : {}) });
    });
  };
  walk(opts.sections, key("course", run), 1, { start: "2020-01-01T00:00:00Z" });
  await db.insert(courseBlocks).values(rows);
  await db.update(courses).set({ publishedVersionId: versionId }).where(eq(courses.id, courseId));
  return { courseId, courseKey, versionId, key };
}

export async function grantRole({ userId, courseId, role }: { userId: number; courseId: number; role: "staff" | "instructor" }) {
  await getDb().insert(courseRoles).values({ userId, courseId, role });
}
