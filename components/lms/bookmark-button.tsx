"use client";
// Bookmark / remove bookmark for the current unit. Whether it is bookmarked comes from the
// learner's state (React Query); until that has loaded the button is shown disabled.
import { useActionCall } from "@/components/ui/use-action-form";
import { toggleBookmarkAction } from "@/lib/actions/lms/toggle-bookmark-action";
import { ActionError } from "./enroll-button";
import { useLearnerState, useLearnerStateUpdates } from "./learner-state";
import styles from "./lms.module.css";

export function BookmarkButton({ courseKey, unitKey }: { courseKey: string; unitKey: string }) {
  const { data } = useLearnerState(courseKey);
  const { setBookmarked } = useLearnerStateUpdates(courseKey);
  const bookmarked = data?.bookmarks.includes(unitKey) ?? false;
  const { pending, error, run } = useActionCall();
  return (
    <span>
      <button
        type="button"
        className={styles.buttonSecondary}
        aria-pressed={bookmarked}
        disabled={pending || !data}
        onClick={() => run(() => toggleBookmarkAction({ courseKey, unitKey, bookmarked: !bookmarked }), (d) => setBookmarked(unitKey, d.bookmarked))}
      >
        <span aria-hidden="true">{bookmarked ? "★" : "☆"}</span> {bookmarked ? "Bookmarked" : "Bookmark this page"}
      </button>
      <ActionError error={error} inline />
    </span>
  );
}
