// The Dates tab: every dated item of the course (start/end, subsection releases and due dates)
// grouped as past due, due soon, upcoming and past.
import type { Metadata } from "next";
import Link from "next/link";
import { dateGroup, formatDate, toDate, type DatedItem, type DateGroup } from "@/lib/lms/dates";
import { getLearnerView } from "@/lib/db/queries/courseware";
import { isUnitComplete } from "@/lib/lms/progress";
import { datesHref, learnHref, safeDecode } from "@/lib/lms/urls";
import { CourseTabs } from "@/components/lms/course-tabs";
import styles from "@/components/lms/lms.module.css";
import { requireCourseware } from "@/lib/lms/course-context";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dates" };

const GROUPS: { id: DateGroup; label: string }[] = [
  { id: "past_due", label: "Past due" },
  { id: "due_soon", label: "Due soon (next 7 days)" },
  { id: "upcoming", label: "Upcoming" },
  { id: "past", label: "Past" },
];

export default async function DatesPage({ params }: { params: Promise<{ courseKey: string }> }) {
  const raw = (await params).courseKey;
  const courseKey = safeDecode(raw);
  const ctx = await requireCourseware(courseKey, datesHref(courseKey ?? raw));
  const { course, version, viewer } = ctx;
  const now = viewer.now;
  const view = getLearnerView({ version, viewer });
  const done = ctx.state.completed;
  const items: (DatedItem & { href?: string })[] = [];
  if (course.start) items.push({ kind: "course_start", date: course.start, title: "Course starts" });
  if (course.end) items.push({ kind: "course_end", date: course.end, title: "Course ends" });
  for (const s of view.sections) {
    for (const sub of s.subsections) {
      const href = sub.units[0] ? learnHref(course.courseKey, sub.node.urlName, sub.units[0].urlName) : undefined;
      const due = toDate(sub.node.due);
      const complete = sub.units.length > 0 && sub.units.every((u) => isUnitComplete(u, viewer, done));
      if (due) items.push({ kind: "due", date: due, title: sub.node.displayName, usageKey: sub.node.usageKey, graded: sub.node.graded, format: sub.node.format, complete, href });
    }
  }
  // Staff (not viewing as learner) also see future releases of hidden content.
  if (viewer.staff) {
    for (const node of version.outline.byKey.values()) {
      if (node.type !== "chapter" && node.type !== "sequential") continue;
      const start = toDate(node.start);
      const parentStart = toDate(version.outline.byKey.get(version.outline.parentOf.get(node.usageKey) ?? "")?.start);
      if (start && start > now && (!parentStart || parentStart.getTime() !== start.getTime())) items.push({ kind: "release", date: start, title: `${node.displayName} released` });
    }
  }
  items.sort((a, b) => a.date.getTime() - b.date.getTime());
  const grouped = new Map<DateGroup, typeof items>();
  for (const it of items) {
    const g = dateGroup(it, now);
    grouped.set(g, [...(grouped.get(g) ?? []), it]);
  }
  return (
    <div className={styles.page}>
      <p className={styles.meta}>
        {course.org} · {course.number}
      </p>
      <h1 style={{ margin: "0.25rem 0" }}>{course.displayName}</h1>
      <CourseTabs courseKey={course.courseKey} courseName={course.displayName} current="dates" isStaff={ctx.isStaff} />
      <h2>Important dates</h2>
      {items.length === 0 ? <p className={styles.muted}>This course has no dates.</p> : null}
      {GROUPS.filter((g) => grouped.has(g.id)).map((g) => (
        <section key={g.id} aria-labelledby={`dates-${g.id}`}>
          <h3 id={`dates-${g.id}`} className={styles.dateGroup}>
            {g.label}
          </h3>
          <ul className={styles.dateList}>
            {grouped.get(g.id)!.map((it, i) => (
              <li key={`${it.title}-${i}`} className={styles.dateItem}>
                <time dateTime={it.date.toISOString()}>{formatDate(it.date)}</time>
                <span>
                  {it.kind === "due" ? "Due: " : ""}
                  {it.href ? <Link href={it.href}>{it.title}</Link> : it.title}
                  {it.graded ? <span className={styles.badge} style={{ marginLeft: "0.5rem" }}>Graded{it.format ? `: ${it.format}` : ""}</span> : null}
                  {it.complete ? <span className={styles.done}> ✓ Completed</span> : null}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
