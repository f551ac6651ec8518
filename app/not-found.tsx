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
