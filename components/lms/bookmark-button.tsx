"use client";
// Bookmark / remove bookmark for the current unit.
import { useState } from "react";
import { useActionCall } from "@/components/ui/use-action-form";
import { toggleBookmarkAction } from "@/lib/actions/lms/toggle-bookmark-action";
import { ActionError } from "./enroll-button";
import styles from "./lms.module.css";

export function BookmarkButton({ courseKey, unitKey, initial }: { courseKey: string; unitKey: string; initial: boolean }) {
  const [bookmarked, setBookmarked] = useState(initial);
  const { pending, error, run } = useActionCall();
  return (
    <span>
      <button
        type="button"
        className={styles.buttonSecondary}
        aria-pressed={bookmarked}
        disabled={pending}
        onClick={() => run(() => toggleBookmarkAction({ courseKey, unitKey, bookmarked: !bookmarked }), (data) => setBookmarked(data.bookmarked))}
      >
        <span aria-hidden="true">{bookmarked ? "★" : "☆"}</span> {bookmarked ? "Bookmarked" : "Bookmark this page"}
      </button>
      <ActionError error={error} inline />
    </span>
  );
}
