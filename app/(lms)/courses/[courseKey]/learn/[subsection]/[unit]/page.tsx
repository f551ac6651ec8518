// A unit of courseware at a readable URL (course → subsection → unit url_names): breadcrumbs,
// the subsection's sequence bar, the unit's components in order, previous/next across subsection
// and section boundaries, and a bookmark. Everything version-derived comes from the in-process
// cache; the HTML depends only on the version, the audience (staff or learner; released or not)
// and the caller's access. What is the learner's own (completion marks, bookmark) the client
// islands read from GET /api/lms/courses/<key>/state?unit=<this unit>, problems' answers and attempts
// included. The GET writes nothing: a client effect
// records the view afterwards.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLearnerView } from "@/lib/db/queries/courseware";
import { componentsOf, findUnit, neighbours, unitKind } from "@/lib/lms/outline";
import { loadLearnerContent } from "@/lib/lms/personalize";
import { courseHref, learnHref, safeDecode } from "@/lib/lms/urls";
import { BookmarkButton } from "@/components/lms/bookmark-button";
import { LearnerStateUnit } from "@/components/lms/learner-state";
import { SequenceBar } from "@/components/lms/sequence-bar";
import { UnitViewRecorder } from "@/components/lms/unit-view-recorder";
import { UnitComponent } from "@/components/lms/unit-component";
import { ViewAsToggle } from "@/components/lms/view-as-toggle";
import styles from "@/components/lms/lms.module.css";
import { loadCourseContext, requireCourseware } from "@/lib/lms/course-context";

export const dynamic = "force-dynamic";

type Params = { courseKey: string; subsection: string; unit: string };
type Props = { params: Promise<Params> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await params;
  const key = safeDecode(p.courseKey);
  const ctx = key ? await loadCourseContext(key) : null;
  if (!ctx || !ctx.canViewCourseware) return { title: "Course" };
  const found = findUnit(getLearnerView({ version: ctx.version, viewer: ctx.viewer }), safeDecode(p.subsection) ?? "", safeDecode(p.unit) ?? "");
  return { title: found ? `${found.ref.unit.displayName} · ${ctx.course.displayName}` : "Not found" };
}

export default async function UnitPage({ params }: Props) {
  const p = await params;
  const courseKey = safeDecode(p.courseKey);
  const subUrl = safeDecode(p.subsection);
  const unitUrl = safeDecode(p.unit);
  const ctx = await requireCourseware(courseKey, `/courses/${p.courseKey}/learn/${p.subsection}/${p.unit}`);
  if (subUrl === null || unitUrl === null) notFound();
  const { course, version, viewer, user } = ctx;
  const view = getLearnerView({ version, viewer });
  const found = findUnit(view, subUrl, unitUrl);
  if (!found) notFound();
  const { ref, position } = found;
  const { prev, next } = neighbours(view, position);
  const subUnits = view.units.filter((u) => u.subsection.usageKey === ref.subsection.usageKey);
  // The learner's library picks, split_test group and conditional outcomes (read only here).
  const content = await loadLearnerContent({ outline: version.outline, userId: user!.id, courseId: course.id, completed: ctx.state.completed });
  const learner = content ? { ...viewer, content } : viewer;
  const components = componentsOf(ref.unit, learner);
  const youtubeAutoload = [true, "true"].includes(version.outline.root.settings.youtube_autoload as string);
  return (
    <LearnerStateUnit unitKey={ref.unit.usageKey}>
      <div className={styles.page}>
        {ctx.isStaff ? <ViewAsToggle courseKey={course.courseKey} asLearner={ctx.viewingAsLearner} /> : null}
        <nav aria-label="Breadcrumb" className={styles.breadcrumbs}>
          <ol>
            <li>
              <Link href={courseHref(course.courseKey)}>{course.displayName}</Link>
            </li>
            <li>{ref.section.displayName}</li>
            <li>{ref.subsection.displayName}</li>
            <li aria-current="page">{ref.unit.displayName}</li>
          </ol>
        </nav>
        <SequenceBar
          courseKey={course.courseKey}
          subsectionUrlName={ref.subsection.urlName}
          subsectionName={ref.subsection.displayName}
          currentUrlName={ref.unit.urlName}
          // Icons from the audience's view, not the learner's picks (a library counts its whole pool,
          // a conditional is "other"), so the bar is the same for every learner: the page cache
          // shares a unit whatever its neighbours hold (lib/lms/page-cache.ts).
          items={subUnits.map((u) => ({
            urlName: u.unit.urlName,
            displayName: u.unit.displayName,
            kind: unitKind(u.unit, viewer),
          }))}
        />
        <div className={styles.spread}>
          <h1 style={{ margin: "0.5rem 0" }}>{ref.unit.displayName}</h1>
          <BookmarkButton courseKey={course.courseKey} unitKey={ref.unit.usageKey} />
        </div>
        {components.length === 0 ? <p className={styles.muted}>This unit is empty.</p> : null}
        {components.map((c) => (
          <section key={c.usageKey} className={styles.component} data-block-type={c.type} data-usage-key={c.usageKey} aria-label={c.type === "problem" ? undefined : c.displayName}>
            <UnitComponent node={c} version={version} courseKey={course.courseKey} courseId={course.id} youtubeAutoload={youtubeAutoload} staffView={viewer.staff} />
          </section>
        ))}
        <nav aria-label="Previous and next unit" className={styles.navRow}>
          {prev ? (
            <Link className={styles.buttonSecondary} href={learnHref(course.courseKey, prev.subsection.urlName, prev.unit.urlName)} rel="prev">
              ← Previous<span className="visually-hidden">: {prev.unit.displayName}</span>
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link className={styles.button} href={learnHref(course.courseKey, next.subsection.urlName, next.unit.urlName)} rel="next">
              Next →<span className="visually-hidden">: {next.unit.displayName}</span>
            </Link>
          ) : (
            <Link className={styles.button} href={courseHref(course.courseKey)}>
              Back to course home
            </Link>
          )}
        </nav>
        <UnitViewRecorder courseKey={course.courseKey} unitKey={ref.unit.usageKey} />
      </div>
    </LearnerStateUnit>
  );
}

