"use client";
// The signed-in user's menu: name, Account, Studio (when allowed) and Sign out. A disclosure
// button (aria-expanded) that closes on Escape, on a click outside and after navigating.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { signOutAction } from "@/lib/actions/auth/sign-out";
import styles from "./shell.module.css";

export function AccountMenu({ fullName, username, email }: { fullName: string; username: string; email: string }) {
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  // Remember where the menu was opened: navigating elsewhere closes it without an effect.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === pathname;
  const setOpen = (next: boolean | ((v: boolean) => boolean)) =>
    setOpenAt(typeof next === "function" ? (next(open) ? pathname : null) : next ? pathname : null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpenAt(null);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpenAt(null);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);
  const initial = Array.from(fullName.trim() || username)[0]?.toUpperCase() ?? "?";
  return (
    <div className={styles.account} ref={root}>
      <button
        ref={button}
        type="button"
        className={styles.accountButton}
        aria-expanded={open}
        aria-controls={menuId}
        data-testid="account-menu-button"
        onClick={() => setOpen((v) => !v)}
      >
        <span className={styles.avatar} aria-hidden="true">
          {initial}
        </span>
        <span className={styles.accountName} data-testid="header-user">
          {fullName || username}
        </span>
        <span className="visually-hidden"> — account menu</span>
      </button>
      {open ? (
        <div id={menuId} className={styles.menu}>
          <div className={styles.menuMeta}>
            <strong>{username}</strong>
            {email}
          </div>
          <Link href="/account" className={styles.menuItem}>
            Account
          </Link>
          <Link href="/dashboard" className={styles.menuItem}>
            Dashboard
          </Link>
          <form action={signOutAction}>
            <button type="submit" className={styles.menuItem}>
              Sign out
            </button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
