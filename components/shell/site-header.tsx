// The header every page shows. Server component: it knows the user from the request, and shows
// Studio only to those the permission matrix lets in (the Studio layout enforces it again).
import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { actorOf, getCurrentUser } from "@/lib/auth/session";
import { canGlobal } from "@/lib/auth/permissions";
import { userHasAnyCourseRole } from "@/lib/db/queries/users";
import { AccountMenu } from "./account-menu";
import { SiteNav, type NavItem } from "./site-nav";
import styles from "./shell.module.css";

export async function SiteHeader() {
  const user = await getCurrentUser().catch((err: unknown) => {
    // The header must render even while the database is unreachable.
    unstable_rethrow(err);
    console.error("[atrium] header could not load the user", err);
    return null;
  });
  const items: NavItem[] = [{ href: "/courses", label: "Courses" }];
  if (user) {
    items.push({ href: "/dashboard", label: "Dashboard" });
    const hasAnyCourseRole = user.isAdmin || user.canCreateCourses ? false : await userHasAnyCourseRole({ userId: user.id }).catch((err: unknown) => {
            unstable_rethrow(err);
            return false;
          });
    if (canGlobal(actorOf(user), "studio:access", { hasAnyCourseRole })) items.push({ href: "/studio", label: "Studio" });
  }
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
