import Link from "next/link";
import type { OutlineNode, UnitKind } from "@/lib/lms/outline";
import { learnHref } from "@/lib/lms/urls";
import styles from "./lms.module.css";

const ICON: Record<UnitKind, { glyph: string; label: string }> = {
  video: { glyph: "▶", label: "video" },
  problem: { glyph: "✎", label: "problem" },
  html: { glyph: "¶", label: "text" },
  discussion: { glyph: "💬", label: "discussion" },
  other: { glyph: "◆", label: "other" },
};

export interface SeqItem {
  unit: OutlineNode;
  kind: UnitKind;
  complete: boolean;
}

/** The units of the current subsection, with type icons and completion; plain links, so Tab/Enter work. */
export function SequenceBar({ courseKey, subsection, items, currentKey }: { courseKey: string; subsection: OutlineNode; items: SeqItem[]; currentKey: string }) {
  return (
    <nav aria-label={`Units in ${subsection.displayName}`}>
      <ol className={styles.seqbar}>
        {items.map((it, i) => {
          const current = it.unit.usageKey === currentKey;
          const icon = ICON[it.kind];
          return (
            <li key={it.unit.usageKey}>
              <Link
                href={learnHref(courseKey, subsection.urlName, it.unit.urlName)}
                className={`${styles.seqItem} ${it.complete ? styles.seqDone : ""}`}
                aria-current={current ? "page" : undefined}
                aria-label={`${i + 1}. ${it.unit.displayName}, ${icon.label}${it.complete ? ", completed" : ""}`}
                title={it.unit.displayName}
                data-complete={it.complete ? "true" : "false"}
              >
                <span aria-hidden="true">{icon.glyph}</span>
                {it.complete ? <span aria-hidden="true" className={styles.done}>✓</span> : null}
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
