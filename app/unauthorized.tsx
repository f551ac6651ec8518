"use client";
// Rendered (with HTTP 401) when a page calls unauthorized(): not signed in. Our own view instead of
// Next's default, and a client component so that its tree is not embedded in every page's Flight
// data (see app/not-found.tsx).
import Link from "next/link";
import { ButtonLink, Card, PageHeader } from "@/components/ui";

export default function Unauthorized() {
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
