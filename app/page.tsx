import type { Metadata } from "next";
import { unstable_rethrow } from "next/navigation";
import { ButtonLink, Card } from "@/components/ui";
import { getCurrentUser } from "@/lib/auth/session";
import styles from "./page.module.css";

export const metadata: Metadata = { title: { absolute: "Atrium — open learning, Open edX compatible" } };
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await getCurrentUser().catch((err: unknown) => {
    unstable_rethrow(err);
    return null; // the landing page stays up while the database is down
  });
  return (
    <>
      <section className={styles.hero} aria-labelledby="hero-title">
        <h1 id="hero-title">Learn and teach with Atrium</h1>
        <p className={styles.lead}>
          Atrium is an open-source learning platform: a course catalog, courseware with graded problems and progress for learners, and
          a Studio for authors. Courses are Open Learning XML (OLX), so a course exported from Open edX imports here unchanged and
          exports back.
        </p>
        <div className={styles.actions}>
          <ButtonLink href="/courses">Browse courses</ButtonLink>
          {user ? (
            <ButtonLink href="/dashboard" variant="secondary">
              Go to your dashboard
            </ButtonLink>
          ) : (
            <>
              <ButtonLink href="/register" variant="secondary">
                Create an account
              </ButtonLink>
              <ButtonLink href="/login" variant="ghost">
                Sign in
              </ButtonLink>
            </>
          )}
        </div>
      </section>
      <div className={styles.grid}>
        <Card title="For learners" headingLevel={2}>
          <p>Enroll in courses, work through sections and units at your own pace, answer problems and follow your grade.</p>
        </Card>
        <Card title="For authors" headingLevel={2}>
          <p>Import an Open edX course export, review its structure in Studio, publish it and export it back as OLX.</p>
        </Card>
        <Card title="For operators" headingLevel={2}>
          <p>One Next.js app on MySQL or MariaDB, stateless sessions so any instance serves any request, and a health check.</p>
        </Card>
      </div>
    </>
  );
}
