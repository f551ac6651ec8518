"use client";
// Studio home: "New course" (organization, course number, course run, course name, start date).
// The key course-v1:ORG+NUMBER+RUN is shown as it is typed; on success the outline opens.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, Field, FormStatus, useActionForm } from "@/components/ui";
import { createCourseAction } from "@/lib/actions/studio/create-course-action";
import { outlinePath } from "@/lib/studio/paths";
import styles from "./studio.module.css";

export function NewCourseForm({ today }: { today: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [parts, setParts] = useState({ org: "", number: "", run: "" });
  const { result, pending, onSubmit, fieldError } = useActionForm(createCourseAction, {
    onSuccess: (data) => router.push(outlinePath(data.courseKey)),
  });
  if (!open) {
    return (
      <Button onClick={() => setOpen(true)} aria-expanded={false} aria-controls="new-course-form">
        New course
      </Button>
    );
  }
  const key = `course-v1:${parts.org || "ORG"}+${parts.number || "NUMBER"}+${parts.run || "RUN"}`;
  return (
    <form id="new-course-form" onSubmit={onSubmit} className={styles.newCourse} aria-labelledby="new-course-heading" noValidate>
      <h2 id="new-course-heading" className={styles.formTitle}>
        Create a new course
      </h2>
      <FormStatus state={result && !result.ok ? result : null} />
      <Field label="Course name" name="displayName" required maxLength={255} placeholder="e.g. Introduction to Computer Science" error={fieldError("displayName")} autoFocus />
      <div className={styles.keyParts}>
        <Field
          label="Organization"
          name="org"
          required
          maxLength={64}
          placeholder="e.g. UniversityX"
          hint="No spaces or special characters."
          error={fieldError("org")}
          onChange={(e) => setParts({ ...parts, org: e.target.value })}
        />
        <Field
          label="Course number"
          name="number"
          required
          maxLength={64}
          placeholder="e.g. CS101"
          hint="Unique within your organization."
          error={fieldError("number")}
          onChange={(e) => setParts({ ...parts, number: e.target.value })}
        />
        <Field
          label="Course run"
          name="run"
          required
          maxLength={64}
          placeholder="e.g. 2026_T1"
          hint="The term in which the course runs."
          error={fieldError("run")}
          onChange={(e) => setParts({ ...parts, run: e.target.value })}
        />
      </div>
      <Field label="Start date" name="start" type="date" defaultValue={today} hint="Learners can begin on this date (UTC) once you publish." error={fieldError("start")} />
      <p className={styles.keyPreview}>
        Course key: <span className={styles.mono}>{key}</span>
      </p>
      <div className={styles.formActions}>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create"}
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
