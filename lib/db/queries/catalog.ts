import "server-only";
// Catalog reads: published courses a visitor may discover, searched and filtered in SQL.
import { and, asc, count, eq, gt, inArray, isNotNull, isNull, like, lte, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { courseAssets, courseRoles, courses, users } from "@/lib/db/schema";

export type CourseRow = typeof courses.$inferSelect;
export type CatalogStatus = "upcoming" | "open" | "archived";

export { getCourseByKey } from "./courses";

export async function getCourseById({ courseId }: { courseId: number }): Promise<CourseRow | null> {
  const rows = await getDb().select().from(courses).where(eq(courses.id, courseId)).limit(1);
  return rows[0] ?? null;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface CatalogQuery {
  q?: string;
  org?: string;
  status?: CatalogStatus;
  page?: number;
  pageSize?: number;
  now?: Date;
}

export interface CatalogCard {
  id: number;
  courseKey: string;
  displayName: string;
  org: string;
  number: string;
  run: string;
  shortDescription: string | null;
  start: Date | null;
  end: Date | null;
  courseImage: string | null;
  imageHash: string | null;
}

/** Published courses with catalog_visibility "both", matching every search word in name, org, number or description. */
export async function listCatalogCourses(query: CatalogQuery): Promise<{ cards: CatalogCard[]; total: number; page: number; pageSize: number }> {
  const db = getDb();
  const now = query.now ?? new Date();
  const pageSize = Math.min(Math.max(query.pageSize ?? 12, 1), 60);
  const page = Math.max(query.page ?? 1, 1);
  const where: SQL[] = [isNotNull(courses.publishedVersionId), eq(courses.catalogVisibility, "both")];
  const words = (query.q ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 8);
  for (const w of words) {
    const p = `%${escapeLike(w)}%`;
    where.push(or(like(courses.displayName, p), like(courses.org, p), like(courses.number, p), like(courses.shortDescription, p), like(courses.courseKey, p))!);
  }
  if (query.org) where.push(eq(courses.org, query.org));
  if (query.status === "upcoming") where.push(gt(courses.start, now));
  if (query.status === "open") where.push(or(isNull(courses.start), lte(courses.start, now))!, or(isNull(courses.end), gt(courses.end, now))!);
  if (query.status === "archived") where.push(lte(courses.end, now));
  const cond = and(...where);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: courses.id,
        courseKey: courses.courseKey,
        displayName: courses.displayName,
        org: courses.org,
        number: courses.number,
        run: courses.run,
        shortDescription: courses.shortDescription,
        start: courses.start,
        end: courses.end,
        courseImage: courses.courseImage,
        versionId: courses.publishedVersionId,
      })
      .from(courses)
      .where(cond)
      .orderBy(sql`${courses.start} IS NULL`, asc(courses.start), asc(courses.displayName))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(courses).where(cond),
  ]);
  const hashes = await imageHashes(rows.filter((r) => r.courseImage && r.versionId).map((r) => ({ versionId: r.versionId!, path: r.courseImage! })));
  return {
    cards: rows.map(({ versionId, ...r }) => ({ ...r, imageHash: r.courseImage ? hashes.get(`${versionId}:${r.courseImage}`) ?? null : null })),
    total: Number(n),
    page,
    pageSize,
  };
}

async function imageHashes(items: { versionId: number; path: string }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!items.length) return out;
  const rows = await getDb()
    .select({ versionId: courseAssets.versionId, path: courseAssets.path, hash: courseAssets.hash })
    .from(courseAssets)
    .where(and(inArray(courseAssets.versionId, [...new Set(items.map((i) => i.versionId))]), inArray(courseAssets.path, [...new Set(items.map((i) => i.path))])));
  for (const r of rows) out.set(`${r.versionId}:${r.path}`, r.hash);
  return out;
}

export async function getAssetHash({ versionId, path }: { versionId: number; path: string }): Promise<string | null> {
  return (await imageHashes([{ versionId, path }])).get(`${versionId}:${path}`) ?? null;
}

/** Organizations that have a discoverable course (for the filter). */
export async function listCatalogOrgs(): Promise<string[]> {
  const rows = await getDb()
    .selectDistinct({ org: courses.org })
    .from(courses)
    .where(and(isNotNull(courses.publishedVersionId), eq(courses.catalogVisibility, "both")))
    .orderBy(asc(courses.org));
  return rows.map((r) => r.org);
}

/** Course staff for the about page (instructors first). */
export async function listCourseStaff({ courseId }: { courseId: number }): Promise<{ fullName: string; username: string; role: string }[]> {
  const rows = await getDb()
    .select({ fullName: users.fullName, username: users.username, role: courseRoles.role })
    .from(courseRoles)
    .innerJoin(users, eq(users.id, courseRoles.userId))
    .where(and(eq(courseRoles.courseId, courseId), eq(users.isActive, true)))
    .orderBy(asc(courseRoles.role), asc(users.fullName));
  const seen = new Set<string>();
  return rows
    .sort((a, b) => (a.role === b.role ? 0 : a.role === "instructor" ? -1 : 1))
    .filter((r) => (seen.has(r.username) ? false : (seen.add(r.username), true)));
}
