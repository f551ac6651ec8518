// /studio/courses/<course key>/settings/advanced: the course block's policy keys.
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { AdvancedForm } from "@/components/studio/settings/advanced-form";
import { courseForPage } from "@/components/studio/course-page";
import { UnpublishedNotice } from "@/components/studio/settings/unpublished-notice";
import { getAdvancedSettings } from "@/lib/studio/settings";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Advanced settings · Studio" };

export default async function AdvancedPage({ params }: { params: Promise<{ courseKey: string }> }) {
  const raw = (await params).courseKey;
  const access = await courseForPage(raw, "studio:edit-course", `/studio/courses/${raw}/settings/advanced`, ", so you cannot change its settings");
  if (!access.ok) return access.page;
  const data = await getAdvancedSettings({ courseId: access.course.id });
  return (
    <>
      <PageHeader
        title="Advanced settings"
        description={`${access.course.displayName} · Course-wide policy keys as Open edX stores them. Problem defaults (attempts, show answer …) apply to problems that do not set their own after you publish.`}
      />
      <UnpublishedNotice courseId={access.course.id} />
      <AdvancedForm courseKey={access.course.courseKey} rows={data.settings} />
    </>
  );
}
