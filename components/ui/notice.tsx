// Inline messages. Errors use role="status"+aria-live="assertive"-free markup on purpose: Next's
// route announcer already owns role="alert"; forms move focus to the notice instead.
import type { HTMLAttributes, ReactNode } from "react";
import styles from "./ui.module.css";

export type NoticeTone = "info" | "success" | "warning" | "error";

const toneClass: Record<NoticeTone, string> = {
  info: styles.info,
  success: styles.success,
  warning: styles.warning,
  error: styles.errorNotice,
};

export type NoticeProps = HTMLAttributes<HTMLDivElement> & { tone?: NoticeTone; title?: ReactNode; live?: boolean };

export function Notice({ tone = "info", title, live = false, className, children, ...rest }: NoticeProps) {
  return (
    <div
      className={[styles.notice, toneClass[tone], className].filter(Boolean).join(" ")}
      role={live ? "status" : undefined}
      data-tone={tone}
      {...rest}
    >
      {title ? <p className={styles.noticeTitle}>{title}</p> : null}
      {children}
    </div>
  );
}

/** Alias kept for readers who look for an Alert component. */
export const Alert = Notice;
