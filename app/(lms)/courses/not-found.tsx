"use client";
// A course, section or unit that does not exist (or is not released). A client component so that
// its tree is not embedded in the Flight data of every course page (see app/not-found.tsx).
import Link from "next/link";
import styles from "@/components/lms/lms.module.css";

export default function CourseNotFound() {
  return (
    <div className={`${styles.page} ${styles.narrow}`}>
      <h1>Page not found</h1>
      <p>We could not find that course, section or unit. It may not exist, or it may not be released yet.</p>
      <p>
        <Link href="/courses">Browse the course catalog</Link> or go to <Link href="/dashboard">your dashboard</Link>.
      </p>
    </div>
  );
}
