"use client";
// The 404 view. A client component on purpose: Next embeds the not-found, forbidden and
// unauthorized views of the root layout in the Flight data of EVERY document (twice: for the root
// layout and for its first segment), so as server components their whole trees (~2.5 KB each)
// rode along with every page; as client components each is one reference to a cached chunk.
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui";

export default function NotFound() {
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
