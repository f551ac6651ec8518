import type { HTMLAttributes, ReactNode } from "react";
import styles from "./ui.module.css";

export type CardProps = HTMLAttributes<HTMLElement> & { title?: ReactNode; headingLevel?: 2 | 3 | 4; as?: "section" | "article" | "div" };

/** A bordered panel; with a title it becomes a labelled section. */
export function Card({ title, headingLevel = 2, as = "section", className, children, ...rest }: CardProps) {
  const Tag = as;
  const Heading = `h${headingLevel}` as const;
  return (
    <Tag className={[styles.card, className].filter(Boolean).join(" ")} {...rest}>
      {title ? <Heading className={styles.cardTitle}>{title}</Heading> : null}
      {children}
    </Tag>
  );
}
