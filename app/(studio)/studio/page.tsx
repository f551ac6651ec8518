// /studio: the courses this user may author, with search; "New course" for course creators, and
// for everyone else the reason they cannot create one.
import type { Metadata } from "next";
import Link from "next/link";
import { NewCourseForm } from "@/components/studio/new-course-form";
import { Badge, Button, ButtonLink, Card, EmptyState, Input, Notice, PageHeader, Stack } from "@/components/ui";
import { canGlobal } from "@/lib/auth/permissions";
import { actorOf, requireUser } from "@/lib/auth/session";
import { listStudioCourses } from "@/lib/db/queries/course-access";
import { outlinePath, studioCoursePath } from "@/lib/studio/paths";
import styles from "@/components/studio/studio.module.css";

export const metadata: Metadata = { title: "Studio" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ q?: string | string[] }> };

export default async function StudioHomePage({ searchParams }: Props) {
  // The layout already refused non-authors; the page still scopes the list to this user.
  const user = await requireUser("/studio");
  const rawQ = (await searchParams).q;
  const q = (Array.isArray(rawQ) ? rawQ[0] : rawQ)?.trim().slice(0, 200) ?? "";
  const all = await listStudioCourses({ userId: user.id, isAdmin: user.isAdmin });
  const needle = q.toLowerCase();
  const courses = needle ? all.filter((c) => [c.displayName, c.courseKey, c.org, c.number, c.run].some((s) => s.toLowerCase().includes(needle))) : all;
  const canCreate = canGlobal(actorOf(user), "studio:create-course");
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <PageHeader
        title="Studio"
        description={user.isAdmin ? "Every course on this site (you are an administrator)." : "The courses you can author."}
        actions={canCreate ? <ButtonLink href="/studio/import" variant="secondary">Import a course</ButtonLink> : null}
      />
      {canCreate ? (
        <NewCourseForm today={today} />
      ) : (
        <Notice tone="info" title="You cannot create courses" style={{ marginBottom: "1.5rem" }}>
          <p>Creating a course needs the course creator right, which an administrator grants. You can still edit the courses whose team you are on.</p>
        </Notice>
      )}
      <Stack>
        <h2 className="visually-hidden">Your courses</h2>
        <form role="search" action="/studio" method="get" className={styles.searchForm} aria-label="Search your courses">
          <div>
            <label htmlFor="studio-course-search" className="visually-hidden">
              Search courses
            </label>
            <Input id="studio-course-search" type="search" name="q" defaultValue={q} placeholder="Search by name, organization, number or run" />
          </div>
          <Button type="submit" variant="secondary">
            Search
          </Button>
          {q ? <Link href="/studio">Clear search</Link> : null}
        </form>
        {courses.length === 0 ? (
          <Card>
            <EmptyState>
              <p>{q ? `No course matches “${q}”.` : "You have no courses yet."}</p>
            </EmptyState>
          </Card>
        ) : (
          <ul aria-label="Courses" className={styles.courseList}>
            {courses.map((c) => (
              <li key={c.id}>
                <Card as="article">
                  <h3 className={styles.courseTitle}>
                    <Link href={outlinePath(c.courseKey)}>{c.displayName}</Link>
                  </h3>
                  <p className={styles.courseMeta}>
                    <code>{c.courseKey}</code>
                  </p>
                  <div className={styles.badges}>
                    {c.published ? <Badge tone="success">Published</Badge> : <Badge tone="warning">Not published</Badge>}
                    {c.roles.map((r) => (
                      <Badge key={r} tone="info">
                        {r === "instructor" ? "Instructor" : "Staff"}
                      </Badge>
                    ))}
                  </div>
                  <div className={styles.courseLinks}>
                    <Link href={studioCoursePath(c.courseKey)} aria-label={`Course info and versions: ${c.displayName}`}>
                      Course info and versions
                    </Link>
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </Stack>
    </>
  );
}
