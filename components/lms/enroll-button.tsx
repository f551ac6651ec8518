"use client";
// Enroll / unenroll buttons: call the idempotent server actions and show their messages.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { enrollCourseAction } from "@/app/(lms)/_actions/enroll-course-action";
import { unenrollCourseAction } from "@/app/(lms)/_actions/unenroll-course-action";
import styles from "./lms.module.css";

export function EnrollButton({ courseKey, courseName }: { courseKey: string; courseName: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className={styles.button}
        disabled={pending}
        onClick={() =>
          start(async () => {
            setError(null);
            const res = await enrollCourseAction({ courseKey });
            if (res.ok) router.push(res.data.href);
            else setError(res.message);
          })
        }
      >
        {pending ? "Enrolling…" : <>Enroll now<span className="visually-hidden"> in {courseName}</span></>}
      </button>
      {error ? (
        <p className={styles.error} role="status">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function UnenrollButton({ courseKey }: { courseKey: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className={styles.linkButton}
        disabled={pending}
        onClick={() =>
          start(async () => {
            if (!window.confirm("Unenroll from this course? Your progress is kept if you enroll again.")) return;
            setError(null);
            const res = await unenrollCourseAction({ courseKey });
            if (res.ok) router.refresh();
            else setError(res.message);
          })
        }
      >
        {pending ? "Unenrolling…" : "Unenroll"}
      </button>
      {error ? (
        <p className={styles.error} role="status">
          {error}
        </p>
      ) : null}
    </div>
  );
}
