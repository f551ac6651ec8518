"use client";
// Staff switch: see the course as staff (everything) or as a learner (release dates and staff-only applied).
import { useRouter } from "next/navigation";
import { useActionCall } from "@/components/ui/use-action-form";
import { setViewAsLearnerAction } from "@/lib/actions/lms/set-view-as-learner-action";
import { ActionError } from "./enroll-button";
import styles from "./lms.module.css";

export function ViewAsToggle({ courseKey, asLearner }: { courseKey: string; asLearner: boolean }) {
  const router = useRouter();
  const { pending, error, run } = useActionCall();
  return (
    <div className={styles.row} role="group" aria-label="Staff view">
      <span className={styles.badgeStaff}>{asLearner ? "Viewing as a learner" : "Staff view"}</span>
      <button
        type="button"
        className={styles.linkButton}
        disabled={pending}
        onClick={() => run(() => setViewAsLearnerAction({ courseKey, asLearner: !asLearner }), () => router.refresh())}
      >
        {asLearner ? "Return to staff view" : "View as learner"}
      </button>
      <ActionError error={error} inline />
    </div>
  );
}
