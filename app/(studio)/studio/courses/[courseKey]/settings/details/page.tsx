// /studio/courses/<course key>/settings/details: Schedule & details (Open edX Studio's page).
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { DetailsForm } from "@/components/studio/settings/details-form";
import { courseForPage } from "@/components/studio/course-page";
import { UnpublishedNotice } from "@/components/studio/settings/unpublished-notice";
import { StudioQueryProvider } from "@/components/studio";
import { getCourseDetails } from "@/lib/studio/settings";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Schedule & details · Studio" };

export default async function DetailsPage({ params }: { params: Promise<{ courseKey: string }> }) {
  const raw = (await params).courseKey;
  const access = await courseForPage(raw, "studio:edit-course", `/studio/courses/${raw}/settings/details`, ", so you cannot change its settings");
  if (!access.ok) return access.page;
  const data = await getCourseDetails({ courseId: access.course.id });
  return (
    <>
      <PageHeader title="Schedule & details" description={`${data.displayName} · Saving changes the draft; Publish shows the new schedule and about page to learners.`} />
      <UnpublishedNotice courseId={access.course.id} />
      <StudioQueryProvider>
        <DetailsForm data={data} />
      </StudioQueryProvider>
    </>
  );
}
