// The learner's bookmarked units across courses (only units they can still see).
import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { listBookmarksByUserId } from "@/lib/db/queries/bookmarks";
import { getLearnerView, getVersionData } from "@/lib/db/queries/courseware";
import { formatDate } from "@/lib/lms/dates";
import { learnHref } from "@/lib/lms/urls";
import styles from "@/components/lms/lms.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Bookmarks" };

export default async function BookmarksPage() {
  const user = await requireUser("/bookmarks");
  const rows = await listBookmarksByUserId({ userId: user.id });
  const viewer = { staff: false, now: new Date() };
  const items = (
    await Promise.all(
      rows.map(async (b) => {
        const version = b.versionId ? await getVersionData({ versionId: b.versionId }) : null;
        const ref = version ? getLearnerView({ version, viewer }).units.find((u) => u.unit.usageKey === b.usageKey) : undefined;
        return ref ? { ...b, ref } : null;
      }),
    )
  ).filter((x) => x !== null);
  return (
    <div className={`${styles.page} ${styles.narrow}`}>
      <h1>My bookmarks</h1>
      {items.length === 0 ? (
        <p>You have no bookmarks yet. Use “Bookmark this page” on any unit.</p>
      ) : (
        <ul className={styles.dateList} aria-label="Bookmarked units">
          {items.map((b) => (
            <li key={`${b.courseId}-${b.usageKey}`} className={styles.dateItem}>
              <span className={styles.meta}>{formatDate(b.createdAt)}</span>
              <span>
                <Link href={learnHref(b.courseKey, b.ref.subsection.urlName, b.ref.unit.urlName)}>{b.ref.unit.displayName}</Link>
                <br />
                <span className={styles.meta}>
                  {b.courseName} › {b.ref.section.displayName} › {b.ref.subsection.displayName}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
