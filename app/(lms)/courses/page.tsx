// The catalog: published, catalog-visible courses with search, organization and date filters.
import type { Metadata } from "next";
import Link from "next/link";
import { listCatalogCourses, listCatalogOrgs, type CatalogStatus } from "@/lib/db/queries/catalog";
import { CourseCard } from "@/components/lms/course-card";
import styles from "@/components/lms/lms.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Courses" };

const STATUSES: { value: CatalogStatus; label: string }[] = [
  { value: "open", label: "Open now" },
  { value: "upcoming", label: "Upcoming" },
  { value: "archived", label: "Archived" },
];

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const q = one(sp.q).slice(0, 200);
  const org = one(sp.org).slice(0, 64);
  const statusRaw = one(sp.status);
  const status = STATUSES.some((s) => s.value === statusRaw) ? (statusRaw as CatalogStatus) : undefined;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(one(sp.page) || "1", 10) || 1));
  const [{ cards, total, pageSize }, orgs] = await Promise.all([listCatalogCourses({ q, org: org || undefined, status, page }), listCatalogOrgs()]);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const hrefFor = (p: number) => {
    const u = new URLSearchParams();
    if (q) u.set("q", q);
    if (org) u.set("org", org);
    if (status) u.set("status", status);
    if (p > 1) u.set("page", String(p));
    const s = u.toString();
    return s ? `/courses?${s}` : "/courses";
  };
  return (
    <div className={styles.page}>
      <h1>Courses</h1>
      <form role="search" action="/courses" method="get" className={styles.filters} aria-label="Search courses">
        <div className={styles.field}>
          <label htmlFor="catalog-q">Search</label>
          <input id="catalog-q" className={styles.input} type="search" name="q" defaultValue={q} placeholder="Name, organization, number…" />
        </div>
        <div className={styles.field}>
          <label htmlFor="catalog-org">Organization</label>
          <select id="catalog-org" className={styles.input} name="org" defaultValue={org}>
            <option value="">All organizations</option>
            {orgs.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="catalog-status">Availability</label>
          <select id="catalog-status" className={styles.input} name="status" defaultValue={status ?? ""}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={styles.button}>
          Search
        </button>
      </form>
      <p className={styles.muted} aria-live="polite">
        {total === 0 ? "No courses match your search." : `${total} course${total === 1 ? "" : "s"}${q ? ` matching “${q}”` : ""}`}
      </p>
      {cards.length > 0 ? (
        <ul className={styles.grid} aria-label="Course results">
          {cards.map((c) => (
            <li key={c.id}>
              <CourseCard card={c} />
            </li>
          ))}
        </ul>
      ) : null}
      {pages > 1 ? (
        <nav className={styles.pager} aria-label="Pagination">
          {page > 1 ? <Link href={hrefFor(page - 1)}>Previous page</Link> : null}
          <span>
            Page {Math.min(page, pages)} of {pages}
          </span>
          {page < pages ? <Link href={hrefFor(page + 1)}>Next page</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
