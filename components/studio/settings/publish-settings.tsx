"use client";
// The settings pages' Publish button: publishes the whole working copy (the existing publish
// action), so learners, the catalog row and the about page get the saved settings.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, Notice, useActionCall } from "@/components/ui";
import { publishAction } from "@/lib/actions/studio/publish-action";

export function PublishSettings({ courseKey, onPublished }: { courseKey: string; onPublished?: (r: { versionId: number; regradeJobId: number | null }) => void }) {
  const router = useRouter();
  const { pending, error, run } = useActionCall();
  const [done, setDone] = useState(false);
  return (
    <div>
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          run(
            () => publishAction({ courseKey }),
            (r) => {
              setDone(true);
              onPublished?.(r);
              router.refresh();
            },
          )
        }
      >
        {pending ? "Publishing…" : "Publish course"}
      </Button>
      <div aria-live="polite">
        {error ? (
          <Notice tone="error" title="Not published">
            <p>{error}</p>
          </Notice>
        ) : done && !pending ? (
          <p role="status">Published: learners now see these settings.</p>
        ) : null}
      </div>
    </div>
  );
}
