"use client";
// Main navigation. On phones the list sits behind a "Menu" disclosure button (aria-expanded);
// on wider screens it is always shown and the button is hidden by CSS.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useState } from "react";
import styles from "./shell.module.css";

export type NavItem = { href: string; label: string };

export function SiteNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const listId = useId();
  // Remember where the menu was opened: navigating elsewhere closes it without an effect.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === pathname;
  const setOpen = (next: boolean | ((v: boolean) => boolean)) =>
    setOpenAt(typeof next === "function" ? (next(open) ? pathname : null) : next ? pathname : null);
  return (
    <nav className={styles.nav} aria-label="Main" data-open={open ? "true" : "false"}>
      <button
        type="button"
        className={`${styles.accountButton} ${styles.menuToggle}`}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((v) => !v)}
      >
        Menu
      </button>
      <ul id={listId} className={styles.navList}>
        {items.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link href={item.href} className={styles.navLink} aria-current={current ? "page" : undefined}>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
