import Link from "next/link";
import styles from "./shell.module.css";

export function SiteFooter() {
  return (
    <footer className={styles.footer}>
      <div className={styles.footerInner}>
        <p style={{ margin: 0 }}>Atrium — an open learning platform that speaks Open edX OLX. Free software (AGPL-3.0).</p>
        <nav aria-label="Footer">
          <ul className={styles.footerLinks}>
            <li>
              <Link href="/courses">Courses</Link>
            </li>
            <li>
              {/* A route handler, not a page: a plain anchor, so the router never prefetches it. */}
              <a href="/api/health">Status</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
