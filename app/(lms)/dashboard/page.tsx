// The learner's dashboard: enrolled courses with progress %, next due date and Resume.
import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { listCompletedKeysByCourse } from "@/lib/db/queries/completion";
import { listActiveEnrollmentsByUserId } from "@/lib/db/queries/enrollments";
import { getLearnerView, getVersionData } from "@/lib/db/queries/courseware";
import { formatDate } from "@/lib/lms/dates";
import { courseProgress, nextDue } from "@/lib/lms/progress";
import { courseHref, learnHref } from "@/lib/lms/urls";
import styles from "@/components/lms/lms.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const rows = await listActiveEnrollmentsByUserId({ userId: user.id });
  const done = await listCompletedKeysByCourse({ userId: user.id, courseIds: rows.map((r) => r.courseId) });
  const now = new Date();
  // Staff roles only widen what staff see inside a course; the dashboard uses the learner view.
  const viewer = { staff: false, now };
  const cards = await Promise.all(
    rows.map(async (r) => {
      const version = r.versionId ? await getVersionData({ versionId: r.versionId }) : null;
      if (!version) return { ...r, percent: 0, due: null, resume: null, first: null };
      const view = getLearnerView({ version, viewer });
      const d = done.get(r.courseId) ?? new Set<string>();
      const resume = view.units.find((u) => u.unit.usageKey === r.lastUnitKey) ?? null;
      return { ...r, percent: courseProgress(view, viewer, d).percent, due: nextDue(view, viewer, d, now), resume, first: view.units[0] ?? null };
    }),
  );
  return (
    <div className={styles.page}>
      <h1>My courses</h1>
      {cards.length === 0 ? (
        <p>
          You are not enrolled in any course yet. <Link href="/courses">Explore the catalog</Link>.
        </p>
      ) : (
        <ul className={styles.grid} aria-label="Enrolled courses">
          {cards.map((c) => (
            <li key={c.courseId}>
              <article className={styles.card} aria-labelledby={`dash-${c.courseId}`}>
                <div className={styles.cardBody}>
                  <p className={styles.meta}>
                    {c.org} · {c.number}
                  </p>
                  <h2 id={`dash-${c.courseId}`} className={styles.cardTitle}>
                    <Link href={courseHref(c.courseKey)}>{c.displayName}</Link>
                  </h2>
                  <div
                    className={styles.progress}
                    role="progressbar"
                    aria-valuenow={c.percent}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-label={`Progress in ${c.displayName}`}
                  >
                    <div className={styles.progressFill} style={{ width: `${c.percent}%` }} />
                  </div>
                  <p className={styles.meta} data-testid="course-progress">
                    {c.percent}% complete
                  </p>
                  <p className={styles.meta}>{c.due ? `Next due: ${c.due.title}, ${formatDate(c.due.date)}` : "Nothing due soon"}</p>
                  <p style={{ marginTop: "auto" }}>
                    {c.resume ? (
                      <Link className={styles.button} href={learnHref(c.courseKey, c.resume.subsection.urlName, c.resume.unit.urlName)}>
                        Resume<span className="visually-hidden"> {c.displayName}</span>
                      </Link>
                    ) : c.first ? (
                      <Link className={styles.button} href={learnHref(c.courseKey, c.first.subsection.urlName, c.first.unit.urlName)}>
                        Start<span className="visually-hidden"> {c.displayName}</span>
                      </Link>
                    ) : null}
                  </p>
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/bookmarks">My bookmarks</Link>
      </p>
    </div>
  );
}
