// The header every page shows: the site's navigation and the account menu. The root layout loads
// who is signed in (lib/shell/header-data.ts) and whether the Studio link is theirs; this only draws it.
import Link from "next/link";
import type { HeaderData } from "@/lib/shell/header-data";
import { AccountMenu } from "./account-menu";
import { SiteNav, type NavItem } from "./site-nav";
import styles from "./shell.module.css";

export function SiteHeader({ user, showStudio }: HeaderData) {
  const items: NavItem[] = [{ href: "/courses", label: "Courses" }];
  if (user) items.push({ href: "/dashboard", label: "Dashboard" });
  if (user && showStudio) items.push({ href: "/studio", label: "Studio" });
  return (
    <header className={styles.header}>
      <a href="#main" className={styles.skip}>
        Skip to content
      </a>
      <div className={styles.headerInner}>
        <Link href="/" className={styles.brand}>
          <span className={styles.brandMark} aria-hidden="true" />
          Atrium
        </Link>
        <SiteNav items={items} />
        {user ? (
          <AccountMenu fullName={user.fullName} username={user.username} email={user.email} />
        ) : (
          <div className={styles.account}>
            <Link href="/login" className={styles.navLink}>
              Sign in
            </Link>
            <Link href="/register" className={styles.navLink}>
              Register
            </Link>
          </div>
        )}
      </div>
    </header>
  );
}
