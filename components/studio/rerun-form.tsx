"use client";
// Re-run a course: the new run (org/number/name prefilled), and how far to move every date —
// a number of days, or a new start date (which sets the days). The server recomputes the offset.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, Field, FormStatus, useActionForm } from "@/components/ui";
import { rerunCourseAction } from "@/lib/actions/studio/rerun-course-action";
import { studioCoursePath } from "@/lib/studio/paths";
import styles from "./studio.module.css";

const DAY = 86_400_000;

export interface RerunSource {
  courseKey: string;
  org: string;
  number: string;
  run: string;
  displayName: string;
  /** ISO date-times or null */
  start: string | null;
  end: string | null;
  enrollmentStart: string | null;
  enrollmentEnd: string | null;
}

const fmt = (iso: string | null, days: number) => (iso ? `${new Date(new Date(iso).getTime() + days * DAY).toISOString().replace("T", " ").slice(0, 16)} UTC` : "—");

export function RerunForm({ source }: { source: RerunSource }) {
  const router = useRouter();
  const startDay = source.start ? source.start.slice(0, 10) : "";
  const [days, setDays] = useState("0");
  const [newStart, setNewStart] = useState(startDay);
  const [parts, setParts] = useState({ org: source.org, number: source.number, run: "" });
  const { result, pending, onSubmit, fieldError } = useActionForm(rerunCourseAction, {
    onSuccess: (data) => router.push(studioCoursePath(data.courseKey)),
  });
  const n = /^[+-]?\d+$/.test(days.trim()) ? Number(days) : 0;

  function onDays(v: string) {
    setDays(v);
    if (source.start && /^[+-]?\d+$/.test(v.trim())) setNewStart(new Date(Date.parse(`${startDay}T00:00:00Z`) + Number(v) * DAY).toISOString().slice(0, 10));
  }
  function onStart(v: string) {
    setNewStart(v);
    const t = Date.parse(`${v}T00:00:00Z`);
    if (startDay && !Number.isNaN(t)) setDays(String(Math.round((t - Date.parse(`${startDay}T00:00:00Z`)) / DAY)));
  }

  return (
    <form onSubmit={onSubmit} aria-labelledby="rerun-heading" noValidate>
      <h2 id="rerun-heading" className={styles.formTitle}>
        New run
      </h2>
      <FormStatus state={result && !result.ok ? result : null} />
      <input type="hidden" name="courseKey" value={source.courseKey} />
      <Field label="Course name" name="displayName" required maxLength={255} defaultValue={source.displayName} error={fieldError("displayName")} />
      <div className={styles.keyParts}>
        <Field label="Organization" name="org" required maxLength={64} defaultValue={source.org} error={fieldError("org")} onChange={(e) => setParts({ ...parts, org: e.target.value })} />
        <Field label="Course number" name="number" required maxLength={64} defaultValue={source.number} error={fieldError("number")} onChange={(e) => setParts({ ...parts, number: e.target.value })} />
        <Field
          label="Course run"
          name="run"
          required
          maxLength={64}
          placeholder={`e.g. ${source.run}_2`}
          hint={`This course's run is ${source.run}.`}
          error={fieldError("run")}
          autoFocus
          onChange={(e) => setParts({ ...parts, run: e.target.value })}
        />
      </div>
      <p className={styles.keyPreview}>
        New course key: <span className={styles.mono}>{`course-v1:${parts.org || "ORG"}+${parts.number || "NUMBER"}+${parts.run || "RUN"}`}</span>
      </p>
      <h3>Dates</h3>
      <div className={styles.keyParts}>
        {source.start ? (
          <Field label="New start date" name="newStart" type="date" value={newStart} onChange={(e) => onStart(e.target.value)} hint="Every date in the course moves by the same number of days." error={fieldError("newStart")} />
        ) : null}
        <Field label="Move every date by (days)" name="offsetDays" inputMode="numeric" value={days} onChange={(e) => onDays(e.target.value)} hint="Negative moves dates earlier." error={fieldError("offsetDays")} />
      </div>
      <table className={styles.table} aria-label="Dates of the new run">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">This run</th>
            <th scope="col">New run</th>
          </tr>
        </thead>
        <tbody>
          {(
            [
              ["Course start", source.start],
              ["Course end", source.end],
              ["Enrollment start", source.enrollmentStart],
              ["Enrollment end", source.enrollmentEnd],
            ] as const
          ).map(([label, iso]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{fmt(iso, 0)}</td>
              <td>{fmt(iso, n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>Section and subsection release dates and due dates move by the same number of days.</p>
      <div className={styles.formActions}>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating the re-run…" : "Create re-run"}
        </Button>
      </div>
    </form>
  );
}
