"use client";
// Bookmark / remove bookmark for the current unit.
import { useState, useTransition } from "react";
import { toggleBookmarkAction } from "@/app/(lms)/_actions/toggle-bookmark-action";
import styles from "./lms.module.css";

export function BookmarkButton({ courseKey, unitKey, initial }: { courseKey: string; unitKey: string; initial: boolean }) {
  const [bookmarked, setBookmarked] = useState(initial);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className={styles.buttonSecondary}
        aria-pressed={bookmarked}
        disabled={pending}
        onClick={() =>
          start(async () => {
            setError(null);
            const res = await toggleBookmarkAction({ courseKey, unitKey, bookmarked: !bookmarked });
            if (res.ok) setBookmarked(res.data.bookmarked);
            else setError(res.message);
          })
        }
      >
        <span aria-hidden="true">{bookmarked ? "★" : "☆"}</span> {bookmarked ? "Bookmarked" : "Bookmark this page"}
      </button>
      {error ? (
        <span className={styles.error} role="status">
          {" "}
          {error}
        </span>
      ) : null}
    </span>
  );
}
