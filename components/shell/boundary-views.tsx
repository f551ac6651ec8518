"use client";
// The views of Next's error boundaries: page not found (404), forbidden (403), not signed in (401),
// and a course page not found. Client components on purpose, all in this one module (one small
// chunk): Next embeds the root layout's not-found, forbidden and unauthorized views in the Flight
// data of EVERY document, twice (for the root layout and for its first segment), plus the course
// segment's not-found on course pages. As server components their trees (~5.5 KB) rode along with
// every page; as client components each is a reference to this cached chunk. The app/ boundary
// files only render these.
import Link from "next/link";
import { ButtonLink, Card, PageHeader } from "@/components/ui";

export function NotFoundView() {
  return (
    <div style={{ maxWidth: "36rem", margin: "0 auto" }}>
      <PageHeader title="Page not found" description="Error 404" />
      <Card>
        <p>We could not find that page. It may have moved, or the address may be mistyped.</p>
        <p>
          <Link href="/">Go to the home page</Link> or <Link href="/courses">browse the courses</Link>.
        </p>
      </Card>
    </div>
  );
}

export function ForbiddenView() {
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

export function UnauthorizedView() {
  return (
    <div style={{ maxWidth: "36rem", margin: "0 auto" }}>
      <PageHeader title="Sign in to see this page" description="Error 401 — not signed in" />
      <Card>
        <p>This page is only for signed-in users.</p>
        <p>
          <ButtonLink href="/login">Sign in</ButtonLink>
        </p>
        <p>
          No account yet? <Link href="/register">Create one</Link>, or <Link href="/courses">browse the courses</Link>.
        </p>
      </Card>
    </div>
  );
}

/** A course, section or unit that does not exist (or is not released yet). */
export function CourseNotFoundView() {
  return (
    <div style={{ maxWidth: "36rem", margin: "0 auto" }}>
      <PageHeader title="Page not found" description="Error 404" />
      <Card>
        <p>We could not find that course, section or unit. It may not exist, or it may not be released yet.</p>
        <p>
          <Link href="/courses">Browse the course catalog</Link> or go to <Link href="/dashboard">your dashboard</Link>.
        </p>
      </Card>
    </div>
  );
}
