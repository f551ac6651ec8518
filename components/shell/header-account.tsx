// The signed-in part of the site header: the main navigation (Dashboard and Studio when they are
// the user's) and the account menu, or Sign in/Register. Rendered by the server header, and by the
// client island (deferred-header-account.tsx) when the page's HTML is shared.
import Link from "next/link";
import type { HeaderData } from "@/lib/shell/header-data";
import { AccountMenu } from "./account-menu";
import { SiteNav, type NavItem } from "./site-nav";
import styles from "./shell.module.css";

/** `pending`: who this is is still being asked (the island); the account area keeps its place, empty. */
export function HeaderAccount({ user, showStudio, pending = false }: HeaderData & { pending?: boolean }) {
  const items: NavItem[] = [{ href: "/courses", label: "Courses" }];
  if (user) items.push({ href: "/dashboard", label: "Dashboard" });
  if (user && showStudio) items.push({ href: "/studio", label: "Studio" });
  return (
    <>
      <SiteNav items={items} />
      {pending ? (
        <div className={`${styles.account} ${styles.accountPending}`} aria-busy="true" data-testid="header-account-pending" />
      ) : user ? (
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
    </>
  );
}
