// Builds courses for the problem/grade integration tests directly as rows (course, version,
// course_blocks) with problem XML in the content store — the shape H-import's importer writes.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { getContentStore } from "@/lib/content";
import { getDb } from "@/lib/db";
import { courseBlocks, courseRoles, courseVersions, courses, enrollments, users } from "@/lib/db/schema";

export const uniq = () => randomBytes(4).toString("hex");

export interface TestProblem {
  urlName: string;
  xml: string;
  settings?: Record<string, unknown>;
  fields?: Record<string, unknown>;
}

export interface TestSubsection {
  urlName: string;
  format?: string;
  graded?: boolean;
  problems: TestProblem[];
}

export interface TestCourse {
  courseId: number;
  courseKey: string;
  versionId: number;
  org: string;
  key: (urlName: string) => string;
}

export async function createUser(prefix = "u"): Promise<{ id: number; username: string; email: string }> {
  const name = `${prefix}${uniq()}`;
  const email = `${name}@example.com`;
  const [{ id }] = await getDb()
    .insert(users)
    .values({ email, emailNormalized: email, username: name, usernameNormalized: name, fullName: `Learner ${name}`, passwordHash: "x" })
    .$returningId();
  return { id, username: name, email };
}

async function insertVersion(course: { id: number; org: string }, subsections: TestSubsection[], gradingPolicy: Record<string, unknown>): Promise<number> {
  const db = getDb();
  const store = getContentStore();
  const key = (type: string, u: string) => `block-v1:${course.org}+P101+2026+type@${type}+block@${u}`;
  const [{ id: versionId }] = await db
    .insert(courseVersions)
    .values({ courseId: course.id, source: "import", rootUsageKey: key("course", "2026"), gradingPolicy })
    .$returningId();
  const rows: (typeof courseBlocks.$inferInsert)[] = [
    { versionId, usageKey: key("course", "2026"), blockType: "course", urlName: "2026", parentUsageKey: null, position: 0, depth: 0, displayName: "Problems course", settings: {}, fields: {} },
    { versionId, usageKey: key("chapter", "ch1"), blockType: "chapter", urlName: "ch1", parentUsageKey: key("course", "2026"), position: 0, depth: 1, displayName: "Chapter 1", settings: {}, fields: {} },
  ];
  for (const [si, s] of subsections.entries()) {
    const seqSettings = { display_name: `Subsection ${s.urlName}`, graded: s.graded ?? true, ...(s.format ? { format: s.format } : {}) };
    rows.push({ versionId, usageKey: key("sequential", s.urlName), blockType: "sequential", urlName: s.urlName, parentUsageKey: key("chapter", "ch1"), position: si, depth: 2, displayName: seqSettings.display_name, settings: seqSettings, fields: {} });
    const vert = `${s.urlName}_v`;
    rows.push({ versionId, usageKey: key("vertical", vert), blockType: "vertical", urlName: vert, parentUsageKey: key("sequential", s.urlName), position: 0, depth: 3, displayName: "Unit", settings: seqSettings, fields: {} });
    for (const [pi, p] of s.problems.entries()) {
      const { hash } = await store.put(p.xml, { kind: "definition" });
      const settings = { ...seqSettings, display_name: `Problem ${p.urlName}`, ...p.settings };
      rows.push({ versionId, usageKey: key("problem", p.urlName), blockType: "problem", urlName: p.urlName, parentUsageKey: key("vertical", vert), position: pi, depth: 4, displayName: settings.display_name, settings, fields: p.fields ?? {}, definitionHash: hash });
    }
  }
  await db.insert(courseBlocks).values(rows);
  return versionId;
}

/** A published course with the given subsections; policy defaults to Homework ×1 weight 1. */
export async function createCourse({
  subsections,
  gradingPolicy = { GRADER: [{ type: "Homework", min_count: 1, drop_count: 0, weight: 1 }], GRADE_CUTOFFS: { Pass: 0.5 } },
}: {
  subsections: TestSubsection[];
  gradingPolicy?: Record<string, unknown>;
}): Promise<TestCourse> {
  const db = getDb();
  const org = `T${uniq()}`;
  const courseKey = `course-v1:${org}+P101+2026`;
  const [{ id: courseId }] = await db.insert(courses).values({ courseKey, org, number: "P101", run: "2026", displayName: "Problems course" }).$returningId();
  const versionId = await insertVersion({ id: courseId, org }, subsections, gradingPolicy);
  await db.update(courses).set({ publishedVersionId: versionId }).where(eq(courses.id, courseId));
  return { courseId, courseKey, versionId, org, key: (u) => `block-v1:${org}+P101+2026+type@problem+block@${u}` };
}

/** Publishes a new version (an author's fix) of an existing test course. */
export async function publishNewVersion(course: TestCourse, subsections: TestSubsection[], gradingPolicy: Record<string, unknown> = { GRADER: [{ type: "Homework", min_count: 1, drop_count: 0, weight: 1 }], GRADE_CUTOFFS: { Pass: 0.5 } }): Promise<number> {
  const versionId = await insertVersion({ id: course.courseId, org: course.org }, subsections, gradingPolicy);
  await getDb().update(courses).set({ publishedVersionId: versionId }).where(eq(courses.id, course.courseId));
  return versionId;
}

export async function enroll(userId: number, courseId: number): Promise<void> {
  await getDb().insert(enrollments).values({ userId, courseId, isActive: true });
}

export async function grantRole(userId: number, courseId: number, role: "staff" | "instructor"): Promise<void> {
  await getDb().insert(courseRoles).values({ userId, courseId, role });
}

export const MC = (correctIndex = 1) =>
  `<problem><p>Pick one</p><multiplechoiceresponse><label>Which?</label><choicegroup type="MultipleChoice">${["A", "B", "C"]
    .map((t, i) => `<choice correct="${i === correctIndex ? "true" : "false"}">${t}</choice>`)
    .join("")}</choicegroup></multiplechoiceresponse><solution><p>Because B.</p></solution><demandhint><hint>First hint</hint><hint>Second hint</hint></demandhint></problem>`;

export const NUM = (answer = "5") => `<problem><numericalresponse answer="${answer}"><label>Number?</label><formulaequationinput/></numericalresponse></problem>`;
