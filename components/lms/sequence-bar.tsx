"use client";
// The units of the current subsection, with type icons and completion; plain links, so Tab/Enter
// work. It receives ids and names only (no outline trees); completion comes from the learner's
// state (components/lms/learner-state.tsx) once it has loaded.
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
  /** the keys that must all be completed for the unit to be complete (its visible components, or itself) */
  completionKeys: string[];
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
  const done = new Set(data?.completed ?? []);
  return (
    <nav aria-label={`Units in ${subsectionName}`}>
      <ol className={styles.seqbar}>
        {items.map((it, i) => {
          const current = it.urlName === currentUrlName;
          const icon = ICON[it.kind];
          const complete = it.completionKeys.every((k) => done.has(k));
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
