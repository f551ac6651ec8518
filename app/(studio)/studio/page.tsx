import type { Metadata } from "next";
import Link from "next/link";
import { Badge, ButtonLink, Card, EmptyState, PageHeader, Stack } from "@/components/ui";
import { canGlobal } from "@/lib/auth/permissions";
import { actorOf, requireUser } from "@/lib/auth/session";
import { listStudioCourses } from "@/lib/db/queries/course-access";

export const metadata: Metadata = { title: "Studio" };
export const dynamic = "force-dynamic";

export default async function StudioHomePage() {
  // The layout already refused non-authors; the page still scopes the list to this user.
  const user = await requireUser("/studio");
  const courses = await listStudioCourses({ userId: user.id, isAdmin: user.isAdmin });
  const canCreate = canGlobal(actorOf(user), "studio:create-course");
  return (
    <>
      <PageHeader
        title="Studio"
        description={user.isAdmin ? "Every course on this site (you are an administrator)." : "The courses you can author."}
        actions={canCreate ? <ButtonLink href="/studio/import">Import a course</ButtonLink> : null}
      />
      {courses.length === 0 ? (
        <Card>
          <EmptyState>
            <p>You have no courses yet.</p>
            {canCreate ? (
              <p>
                <Link href="/studio/import">Import an Open edX course export (OLX)</Link> to get started.
              </p>
            ) : null}
          </EmptyState>
        </Card>
      ) : (
        <Stack>
          <h2 className="visually-hidden">Your courses</h2>
          <ul aria-label="Courses" style={{ listStyle: "none", margin: 0, padding: 0, display: "grid", gap: "0.75rem" }}>
            {courses.map((c) => (
              <li key={c.id}>
                <Card as="article">
                  <h3 style={{ margin: "0 0 0.25rem", fontSize: "1.1rem" }}>
                    <Link href={`/studio/courses/${encodeURIComponent(c.courseKey)}`}>{c.displayName}</Link>
                  </h3>
                  <p style={{ margin: "0 0 0.5rem", color: "var(--color-muted)" }}>
                    <code>{c.courseKey}</code>
                  </p>
                  <div style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap" }}>
                    {c.published ? <Badge tone="success">Published</Badge> : <Badge tone="warning">Not published</Badge>}
                    {c.roles.map((r) => (
                      <Badge key={r} tone="info">
                        {r === "instructor" ? "Instructor" : "Staff"}
                      </Badge>
                    ))}
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        </Stack>
      )}
    </>
  );
}
