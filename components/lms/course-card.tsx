import Link from "next/link";
import { aboutHref, assetHref } from "@/lib/lms/urls";
import { formatDay } from "@/lib/lms/dates";
import { htmlToText } from "@/lib/lms/html";
import type { CatalogCard } from "@/lib/db/queries/catalog";
import styles from "./lms.module.css";

export function CourseCard({ card }: { card: CatalogCard }) {
  return (
    <article className={styles.card}>
      {card.courseImage ? (
        // eslint-disable-next-line @next/next/no-img-element -- course assets are served by our own immutable route
        <img className={styles.cardImage} src={assetHref(card.courseKey, card.courseImage, card.imageHash)} alt="" width={320} height={180} loading="lazy" />
      ) : (
        <div className={styles.cardImage} aria-hidden="true" />
      )}
      <div className={styles.cardBody}>
        <h2 className={styles.cardTitle}>
          <Link href={aboutHref(card.courseKey)}>{card.displayName}</Link>
        </h2>
        <p className={styles.meta}>
          {card.org} · {card.number}
        </p>
        <p className={styles.meta}>
          {card.start ? `Starts ${formatDay(card.start)}` : "Self-paced"}
          {card.end ? ` · Ends ${formatDay(card.end)}` : ""}
        </p>
        {card.shortDescription ? <p style={{ margin: "0.25rem 0 0" }}>{htmlToText(card.shortDescription)}</p> : null}
      </div>
    </article>
  );
}
