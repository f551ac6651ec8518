"use client";
// A subsection's settings, as in Open edX Studio's "Configure" dialog: release date, due date,
// "graded as" (the assignment types of the course's grading policy) and hide from learners.
// Dates are entered and shown in UTC.
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui";
import { updateSubsectionSettingsAction } from "@/lib/actions/studio/update-subsection-settings-action";
import type { OutlineNode } from "@/lib/studio/types";
import { useOutline } from "./outline-context";
import styles from "./outline.module.css";

const local = (iso: string | null) => (iso ? iso.slice(0, 16) : "");
const toIso = (v: string) => (v ? `${v}:00Z` : null);

export function SubsectionSettings({ node, onDone }: { node: OutlineNode; onDone: () => void }) {
  const o = useOutline();
  const id = useId();
  const [start, setStart] = useState(local(node.start));
  const [due, setDue] = useState(local(node.due));
  const [format, setFormat] = useState(node.format ?? "");
  const [hidden, setHidden] = useState(node.visibleToStaffOnly);
  const types = node.format && !o.assignmentTypes.includes(node.format) ? [...o.assignmentTypes, node.format] : o.assignmentTypes;
  function submit(e: FormEvent) {
    e.preventDefault();
    o.run(
      `Save settings of ${node.displayName}`,
      () => updateSubsectionSettingsAction({ courseKey: o.courseKey, usageKey: node.usageKey, start: toIso(start), due: toIso(due), format: format || null, visibleToStaffOnly: hidden }),
      onDone,
    );
  }
  return (
    <form className={styles.settings} onSubmit={submit} aria-label={`Settings of ${node.displayName}`}>
      <div className={styles.settingsGrid}>
        <div>
          <label htmlFor={`${id}-start`}>Release date (UTC)</label>
          <input id={`${id}-start`} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${id}-due`}>Due date (UTC)</label>
          <input id={`${id}-due`} type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${id}-format`}>Graded as</label>
          <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value)}>
            <option value="">Not graded</option>
            {types.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.checkbox}>
          <input id={`${id}-hide`} type="checkbox" checked={hidden} onChange={(e) => setHidden(e.target.checked)} />
          <label htmlFor={`${id}-hide`}>Hide from learners (staff only)</label>
        </div>
      </div>
      <div className={styles.formActions}>
        <Button type="submit" size="small" disabled={o.busy}>
          Save
        </Button>
        <Button size="small" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
