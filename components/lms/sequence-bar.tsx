"use client";
// The units of the current subsection, with type icons and completion; plain links, so Tab/Enter
// work. It receives url_names and names only; which units are complete comes with the unit's
// learner state (components/lms/learner-state.tsx, ?unit=) once it has loaded.
import Link from "next/link";
import type { UnitKind } from "@/lib/lms/outline";
import { learnHref } from "@/lib/lms/urls";
import { useLearnerState } from "./learner-state";
import styles from "./lms.module.css";

const ICON: Record<UnitKind, { glyph: string; label: string }> = {
  video: { glyph: "▶", label: "video" },
  problem: { glyph: "✎", label: "problem" },
  html: { glyph: "¶", label: "text" },
  discussion: { glyph: "💬", label: "discussion" },
  other: { glyph: "◆", label: "other" },
};

export interface SeqItem {
  /** the unit's url_name: its link, and which one is current */
  urlName: string;
  displayName: string;
  kind: UnitKind;
}

export function SequenceBar({
  courseKey,
  subsectionUrlName,
  subsectionName,
  items,
  currentUrlName,
}: {
  courseKey: string;
  subsectionUrlName: string;
  subsectionName: string;
  items: SeqItem[];
  currentUrlName: string;
}) {
  const { data } = useLearnerState(courseKey);
  const done = new Set(data?.unit?.completeUnits ?? []);
  return (
    <nav aria-label={`Units in ${subsectionName}`}>
      <ol className={styles.seqbar}>
        {items.map((it, i) => {
          const current = it.urlName === currentUrlName;
          const icon = ICON[it.kind];
          const complete = done.has(it.urlName);
          return (
            <li key={it.urlName}>
              <Link
                href={learnHref(courseKey, subsectionUrlName, it.urlName)}
                className={`${styles.seqItem} ${complete ? styles.seqDone : ""}`}
                aria-current={current ? "page" : undefined}
                aria-label={`${i + 1}. ${it.displayName}, ${icon.label}${complete ? ", completed" : ""}`}
                title={it.displayName}
                data-complete={complete ? "true" : "false"}
              >
                <span aria-hidden="true">{icon.glyph}</span>
                {complete ? <span aria-hidden="true" className={styles.done}>✓</span> : null}
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
