// The Discussion tab: the course forum. The server renders only the shell (course name, tabs);
// topics, threads, counts and notifications are the reader's own and come from the forum's JSON
// routes on the client (components/forum/forum-board.tsx), so nothing per-reader is in this HTML.
// Access: signed in and enrolled, or course staff (the routes check it again on every request).
import type { Metadata } from "next";
import { Suspense } from "react";
import { CourseTabs } from "@/components/lms/course-tabs";
import styles from "@/components/lms/lms.module.css";
import { ForumBoard } from "@/components/forum/forum-board";
import { requireCourseware } from "@/lib/lms/course-context";
import { discussionHref, safeDecode } from "@/lib/lms/urls";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Discussion" };

export default async function DiscussionPage({ params }: { params: Promise<{ courseKey: string }> }) {
  const raw = (await params).courseKey;
  const courseKey = safeDecode(raw);
  const ctx = await requireCourseware(courseKey, discussionHref(courseKey ?? raw));
  return (
    <div className={styles.page}>
      <p className={styles.meta}>
        {ctx.course.org} · {ctx.course.number}
      </p>
      <h1 style={{ margin: "0.25rem 0" }}>{ctx.course.displayName}</h1>
      <CourseTabs courseKey={ctx.course.courseKey} courseName={ctx.course.displayName} current="discussion" isStaff={ctx.isStaff} />
      <Suspense fallback={<p>Loading the discussions…</p>}>
        <ForumBoard courseKey={ctx.course.courseKey} />
      </Suspense>
    </div>
  );
}
