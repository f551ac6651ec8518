// Page-level building blocks: a page title block, vertical stacks, rows and empty states.
import type { HTMLAttributes, ReactNode } from "react";
import styles from "./ui.module.css";

export function PageHeader({ title, description, actions }: { title: ReactNode; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className={styles.pageHeader}>
      <div className={styles.row} style={{ justifyContent: "space-between" }}>
        <h1>{title}</h1>
        {actions ? <div className={styles.row}>{actions}</div> : null}
      </div>
      {description ? <p>{description}</p> : null}
    </div>
  );
}

export function Stack({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return <div className={[styles.stack, className].filter(Boolean).join(" ")} {...rest} />;
}

export function Row({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return <div className={[styles.row, className].filter(Boolean).join(" ")} {...rest} />;
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className={styles.emptyState}>{children}</div>;
}
