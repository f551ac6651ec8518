// /studio/courses/<course key>/settings/grading: assignment types, grade cutoffs, grace period.
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { GradingForm } from "@/components/studio/settings/grading-form";
import { courseForPage } from "@/components/studio/course-page";
import { UnpublishedNotice } from "@/components/studio/settings/unpublished-notice";
import { StudioQueryProvider } from "@/components/studio";
import { getGradingSettings } from "@/lib/studio/settings";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Grading · Studio" };

export default async function GradingPage({ params }: { params: Promise<{ courseKey: string }> }) {
  const raw = (await params).courseKey;
  const access = await courseForPage(raw, "studio:edit-course", `/studio/courses/${raw}/settings/grading`, ", so you cannot change its settings");
  if (!access.ok) return access.page;
  const data = await getGradingSettings({ courseId: access.course.id });
  return (
    <>
      <PageHeader title="Grading" description={`${access.course.displayName} · How the course grade is calculated.`} />
      <UnpublishedNotice courseId={access.course.id} />
      <StudioQueryProvider>
        <GradingForm courseKey={access.course.courseKey} initial={data.form} latestRegradeJobId={data.latestRegrade?.id ?? null} />
      </StudioQueryProvider>
    </>
  );
}
