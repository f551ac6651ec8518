"use client";
// Files page: publishes the whole course, so file uploads, locks and deletions go live.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { publishAction } from "@/lib/actions/studio/publish-action";
import { Button, useActionCall } from "@/components/ui";

export function PublishFilesButton({ courseKey }: { courseKey: string }) {
  const router = useRouter();
  const call = useActionCall();
  const [done, setDone] = useState(false);
  return (
    <span>
      <Button
        variant="secondary"
        disabled={call.pending}
        onClick={() =>
          call.run(
            () => publishAction({ courseKey }),
            () => {
              setDone(true);
              router.refresh();
            },
          )
        }
      >
        {call.pending ? "Publishing…" : "Publish course"}
      </Button>
      <span role="status">{done ? " Published." : call.error ? ` ${call.error}` : ""}</span>
    </span>
  );
}
