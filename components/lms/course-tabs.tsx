import Link from "next/link";
import { courseHref, datesHref, progressHref } from "@/lib/lms/urls";
import styles from "./lms.module.css";

export type CourseTab = "home" | "dates" | "progress" | "learn";

/** The course's tab bar (Course, Dates, Progress) with the current tab marked. */
export function CourseTabs({ courseKey, courseName, current }: { courseKey: string; courseName: string; current: CourseTab }) {
  const tabs: { id: CourseTab; label: string; href: string }[] = [
    { id: "home", label: "Course", href: courseHref(courseKey) },
    { id: "dates", label: "Dates", href: datesHref(courseKey) },
    { id: "progress", label: "Progress", href: progressHref(courseKey) },
  ];
  return (
    <nav aria-label={`${courseName} navigation`}>
      <ul className={styles.tabs}>
        {tabs.map((t) => (
          <li key={t.id}>
            <Link className={styles.tab} href={t.href} aria-current={t.id === current ? "page" : undefined}>
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
