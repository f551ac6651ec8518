// The header every page shows: the site's navigation and the account menu. The root layout loads
// who is signed in (lib/shell/header-data.ts) and whether the Studio link is theirs; this only draws it.
// On a shared render the layout passes `{ deferred: true }`: the HTML then names no one, and a
// client island fetches the signed-in part (deferred-header-account.tsx).
import Link from "next/link";
import type { DeferredHeaderData, HeaderData } from "@/lib/shell/header-data";
import { DeferredHeaderAccount } from "./deferred-header-account";
import { HeaderAccount } from "./header-account";
import styles from "./shell.module.css";

export function SiteHeader(props: HeaderData | DeferredHeaderData) {
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
        {"deferred" in props ? <DeferredHeaderAccount /> : <HeaderAccount user={props.user} showStudio={props.showStudio} />}
      </div>
    </header>
  );
}
