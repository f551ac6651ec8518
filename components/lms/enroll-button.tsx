"use client";
// Enroll / unenroll buttons: call the idempotent server actions and show their messages.
import { useRouter } from "next/navigation";
import { useActionCall } from "@/components/ui/use-action-form";
import { enrollCourseAction } from "@/lib/actions/lms/enroll-course-action";
import { unenrollCourseAction } from "@/lib/actions/lms/unenroll-course-action";
import styles from "./lms.module.css";

export function EnrollButton({ courseKey, courseName }: { courseKey: string; courseName: string }) {
  const router = useRouter();
  const { pending, error, run } = useActionCall();
  return (
    <div>
      <button
        type="button"
        className={styles.button}
        disabled={pending}
        onClick={() => run(() => enrollCourseAction({ courseKey }), (data) => router.push(data.href))}
      >
        {pending ? "Enrolling…" : <>Enroll now<span className="visually-hidden"> in {courseName}</span></>}
      </button>
      <ActionError error={error} />
    </div>
  );
}

export function UnenrollButton({ courseKey }: { courseKey: string }) {
  const router = useRouter();
  const { pending, error, run } = useActionCall();
  return (
    <div>
      <button
        type="button"
        className={styles.linkButton}
        disabled={pending}
        onClick={() => {
          if (!window.confirm("Unenroll from this course? Your progress is kept if you enroll again.")) return;
          run(() => unenrollCourseAction({ courseKey }), () => router.refresh());
        }}
      >
        {pending ? "Unenrolling…" : "Unenroll"}
      </button>
      <ActionError error={error} />
    </div>
  );
}

/** The message of a refused action, announced politely next to its button. */
export function ActionError({ error, inline = false }: { error: string | null; inline?: boolean }) {
  if (!error) return null;
  return inline ? (
    <span className={styles.error} role="status">
      {" "}
      {error}
    </span>
  ) : (
    <p className={styles.error} role="status">
      {error}
    </p>
  );
}
