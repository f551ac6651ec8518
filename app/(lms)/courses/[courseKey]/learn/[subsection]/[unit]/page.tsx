// A unit of courseware at a readable URL (course → subsection → unit url_names): breadcrumbs,
// the subsection's sequence bar, the unit's components in order, previous/next across subsection
// and section boundaries, and a bookmark. Everything version-derived comes from the in-process
// cache; per request this reads the session, the course, the caller's facts, completions and one
// bookmark. The GET writes nothing: a client effect records the view afterwards.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { canCourse } from "@/lib/auth/permissions";
import { getBlobText, getLearnerView, getRenderedHtml, getTranscriptCues, getVideoModel, type VersionData } from "@/lib/db/queries/courseware";
import { rewriteUrl } from "@/lib/lms/html";
import { componentsOf, findUnit, neighbours, unitKind, type OutlineNode } from "@/lib/lms/outline";
import { loadLearnerContent } from "@/lib/lms/personalize";
import { isUnitComplete } from "@/lib/lms/progress";
import { courseHref, learnHref, safeDecode } from "@/lib/lms/urls";
import { BookmarkButton } from "@/components/lms/bookmark-button";
import { ConditionalNotice } from "@/components/lms/conditional-notice";
import { SequenceBar } from "@/components/lms/sequence-bar";
import { UnitViewRecorder } from "@/components/lms/unit-view-recorder";
import { VideoPlayer, type TranscriptTrack } from "@/components/lms/video-player";
import { ViewAsToggle } from "@/components/lms/view-as-toggle";
import styles from "@/components/lms/lms.module.css";
import { loadCourseContext, requireCourseware } from "../../../../../_lib/course-context";

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

const langName = (lang: string) => {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(lang) ?? lang;
  } catch {
    return lang;
  }
};

async function VideoComponent({ node, version, courseKey }: { node: OutlineNode; version: VersionData; courseKey: string }) {
  const model = node.definitionHash ? await getVideoModel({ hash: node.definitionHash }) : null;
  if (!model) return <UnsupportedNotice node={node} reason="The video definition is missing." />;
  const ctx = { courseKey, assets: version.assetIndex };
  const sources = model.html5Sources.map((s) => rewriteUrl(s, ctx)).filter((s) => /^(https?:|\/)/.test(s));
  const tracks: TranscriptTrack[] = [];
  for (const [lang, file] of Object.entries(model.transcripts)) {
    const t = await getTranscriptCues({ version, fileName: file });
    if (!t || !t.cues.length) continue;
    const href = rewriteUrl(`/static/${t.asset.path}`, ctx);
    tracks.push({ lang, label: langName(lang), cues: t.cues, vttHref: `${href}${href.includes("?") ? "&" : "?"}format=vtt`, downloadHref: href });
  }
  return (
    <VideoPlayer
      id={node.urlName}
      title={node.displayName}
      sources={sources}
      youtubeId={model.youtubeId}
      transcripts={tracks}
      startTime={model.startTime}
      endTime={model.endTime}
      downloadHref={model.downloadVideo && sources[0] ? sources[0] : null}
      handoutHref={model.handout ? rewriteUrl(model.handout, ctx) : null}
      youtubeAutoload={[true, "true"].includes(version.outline.root.settings.youtube_autoload as string)}
    />
  );
}

function UnsupportedNotice({ node, reason }: { node: OutlineNode; reason?: string | null }) {
  return (
    <div className={styles.noticeWarn} role="note">
      <strong>Unsupported component:</strong> “{node.displayName}” is a <code>{node.type}</code> component, which Atrium cannot display.
      {reason ? ` ${reason}` : ""}
    </div>
  );
}

async function Component({ node, version, courseKey, courseId, userId, canSubmit }: { node: OutlineNode; version: VersionData; courseKey: string; courseId: number; userId: number; canSubmit: boolean }) {
  const heading = <h2 style={{ fontSize: "1.25rem" }}>{node.displayName}</h2>;
  if (node.type === "conditional") return <ConditionalNotice node={node} />;
  if (node.unsupportedReason && node.type !== "problem") {
    return (
      <>
        {heading}
        <UnsupportedNotice node={node} reason={node.unsupportedReason} />
      </>
    );
  }
  switch (node.type) {
    case "html": {
      const html = node.definitionHash ? await getRenderedHtml({ version, courseKey, hash: node.definitionHash }).catch(() => null) : null;
      // Like Open edX, a text component shows its body only (its display name is for Studio).
      return html !== null ? <div className={styles.htmlBody} dangerouslySetInnerHTML={{ __html: html }} /> : <UnsupportedNotice node={node} reason="Its content is missing." />;
    }
    case "video":
      return (
        <>
          {heading}
          <VideoComponent node={node} version={version} courseKey={courseKey} />
        </>
      );
    case "problem": {
      const xml = node.definitionHash ? await getBlobText({ hash: node.definitionHash }).catch(() => null) : null;
      if (xml === null) return <UnsupportedNotice node={node} reason="Its definition is missing." />;
      // Loaded on demand: units without problems never pull in the CAPA engine.
      const { ProblemBlock } = await import("@/components/problem");
      return <ProblemBlock courseId={courseId} courseKey={courseKey} usageKey={node.usageKey} definitionXml={xml} settings={node.settings} userId={userId} canSubmit={canSubmit} />;
    }
    case "discussion":
      return (
        <>
          {heading}
          <div className={styles.notice} role="note">
            Discussion for this unit{typeof node.settings.discussion_category === "string" ? ` (${node.settings.discussion_category})` : ""} takes place in the course forum.{" "}
            <Link href={courseHref(courseKey)}>Go to the course home</Link> for the forum and updates.
          </div>
        </>
      );
    default:
      return (
        <>
          {heading}
          <UnsupportedNotice node={node} reason={node.unsupportedReason} />
        </>
      );
  }
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
  const done = ctx.state.completed;
  const bookmarked = ctx.state.bookmarks.has(ref.unit.usageKey);
  const { prev, next } = neighbours(view, position);
  const subUnits = view.units.filter((u) => u.subsection.usageKey === ref.subsection.usageKey);
  // The learner's library picks, split_test group and conditional outcomes (read only here).
  const content = await loadLearnerContent({ outline: version.outline, userId: user!.id, courseId: course.id, completed: done });
  const learner = content ? { ...viewer, content } : viewer;
  const components = componentsOf(ref.unit, learner);
  const canSubmit = canCourse(ctx.actor, "course:submit-answer", ctx.facts);
  return (
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
        subsection={ref.subsection}
        currentKey={ref.unit.usageKey}
        items={subUnits.map((u) => ({ unit: u.unit, kind: unitKind(u.unit, learner), complete: isUnitComplete(u.unit, learner, done) }))}
      />
      <div className={styles.spread}>
        <h1 style={{ margin: "0.5rem 0" }}>{ref.unit.displayName}</h1>
        <BookmarkButton courseKey={course.courseKey} unitKey={ref.unit.usageKey} initial={bookmarked} />
      </div>
      {components.length === 0 ? <p className={styles.muted}>This unit is empty.</p> : null}
      {components.map((c) => (
        <section key={c.usageKey} className={styles.component} data-block-type={c.type} data-usage-key={c.usageKey} aria-label={c.type === "problem" ? undefined : c.displayName}>
          <Component node={c} version={version} courseKey={course.courseKey} courseId={course.id} userId={user!.id} canSubmit={canSubmit} />
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
  );
}

