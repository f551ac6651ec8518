"use client";
// Shown when a page fails unexpectedly (for example while the database is unreachable). The
// header and footer stay; details go to the server log, never to the visitor.
import { Button, Card, PageHeader } from "@/components/ui";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div style={{ maxWidth: "36rem", margin: "0 auto" }}>
      <PageHeader title="Something went wrong" description="The page could not be loaded." />
      <Card>
        <p>This is probably temporary. Please try again in a moment.</p>
        <Button onClick={() => reset()}>Try again</Button>
      </Card>
    </div>
  );
}
