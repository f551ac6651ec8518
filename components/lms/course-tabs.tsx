import Link from "next/link";
import { courseHref, datesHref, discussionHref, instructorHref, progressHref } from "@/lib/lms/urls";
import styles from "./lms.module.css";

export type CourseTab = "home" | "dates" | "progress" | "discussion" | "learn" | "instructor";

/** The course's tab bar (Course, Dates, Progress, Discussion, and Instructor for staff) with the current tab marked. */
export function CourseTabs({ courseKey, courseName, current, isStaff = false }: { courseKey: string; courseName: string; current: CourseTab; isStaff?: boolean }) {
  const tabs: { id: CourseTab; label: string; href: string }[] = [
    { id: "home", label: "Course", href: courseHref(courseKey) },
    { id: "dates", label: "Dates", href: datesHref(courseKey) },
    { id: "progress", label: "Progress", href: progressHref(courseKey) },
    { id: "discussion", label: "Discussion", href: discussionHref(courseKey) },
    ...(isStaff ? [{ id: "instructor" as const, label: "Instructor", href: instructorHref(courseKey) }] : []),
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
