// Server component: says when the course settings in the draft are not yet what learners see.
import "server-only";
import { Notice } from "@/components/ui";
import { courseSettingsUnpublished } from "@/lib/studio/settings";

export async function UnpublishedNotice({ courseId }: { courseId: number }) {
  if (!(await courseSettingsUnpublished({ courseId }))) return null;
  return (
    <Notice tone="info" title="Unpublished changes" data-testid="settings-unpublished">
      <p>The draft has settings learners do not see yet. Publish the course to make them live.</p>
    </Notice>
  );
}
