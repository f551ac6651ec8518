"use client";
// The tab row under every Studio course page (links only; each page authorizes on the server).
import Link from "next/link";
import { usePathname } from "next/navigation";
import { studioCourseTabs } from "@/lib/studio/paths";
import styles from "./studio.module.css";

export function StudioCourseNav({ courseKey }: { courseKey: string }) {
  const pathname = usePathname();
  const tabs = studioCourseTabs(courseKey);
  // the longest matching prefix wins, so "Versions" (the course root) is current only on itself
  const current = tabs
    .filter((t) => pathname === t.href || pathname.startsWith(`${t.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label="Course in Studio" className={styles.courseNav}>
      <ul>
        {tabs.map((t) => (
          <li key={t.href}>
            <Link href={t.href} aria-current={t.href === current ? "page" : undefined}>
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
