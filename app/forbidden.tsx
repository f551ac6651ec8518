"use client";
// Rendered (with HTTP 403) when a page or layout calls forbidden(): signed in, but not allowed.
// A client component so that its tree is not embedded in every page's Flight data (app/not-found.tsx).
import Link from "next/link";
import { ButtonLink, Card, PageHeader } from "@/components/ui";

export default function Forbidden() {
  return (
    <div style={{ maxWidth: "36rem", margin: "0 auto" }}>
      <PageHeader title="You do not have access to this page" description="Error 403 — forbidden" />
      <Card>
        <p>
          Your account is signed in but does not have the permission this page needs. Studio is for course authors: course creators,
          administrators and a course&apos;s instructors and staff.
        </p>
        <p>
          If you think you should have access, ask a site administrator. Meanwhile you can <Link href="/courses">browse the courses</Link>.
        </p>
        <ButtonLink href="/dashboard" variant="secondary">
          Go to your dashboard
        </ButtonLink>
      </Card>
    </div>
  );
}
