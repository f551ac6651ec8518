// One component of a unit as learners see it: Text (sanitized HTML), Video (the player with
// transcripts), Problem (the CAPA problem), Discussion, or an "unsupported" notice. Shared by the
// LMS unit page and Studio's unit preview, which renders a draft version through the same code.
// The page cache shares a unit by what this renders (lib/lms/page-cache-key.ts
// RENDERED_COMPONENT_TYPES): a type given its own case here must be listed there.
import type { ReactNode } from "react";
import { getBlobText, getRenderedHtml, getTranscriptCues, getVideoModel, type VersionData } from "@/lib/db/queries/courseware";
import { rewriteUrl } from "@/lib/lms/html";
import type { OutlineNode } from "@/lib/lms/outline";
import { ConditionalNotice } from "@/components/lms/conditional-notice";
import { InlineDiscussion } from "@/components/forum/inline-discussion";
import { topicIdOfBlock } from "@/lib/forum/policy";
import { VideoPlayer, type TranscriptTrack } from "@/components/lms/video-player";
import styles from "@/components/lms/lms.module.css";

const langName = (lang: string) => {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(lang) ?? lang;
  } catch {
    return lang;
  }
};

async function VideoComponent({ node, version, courseKey, youtubeAutoload }: { node: OutlineNode; version: VersionData; courseKey: string; youtubeAutoload: boolean }) {
  const model = node.definitionHash ? await getVideoModel({ hash: node.definitionHash }) : null;
  if (!model) return <UnsupportedNotice node={node} reason="The video definition is missing." />;
  const ctx = { courseKey, assets: version.assetIndex };
  const sources = model.html5Sources.map((s) => rewriteUrl(s, ctx)).filter((s) => /^(https?:|\/)/.test(s));
  // Only transcripts that parse to cues get a track (the parse is cached per file hash); the player
  // receives their URLs and fetches the cues itself, so they are not sent twice in the page.
  const tracks: TranscriptTrack[] = [];
  for (const [lang, file] of Object.entries(model.transcripts)) {
    const t = await getTranscriptCues({ version, fileName: file });
    if (!t || !t.cues.length) continue;
    tracks.push({ lang, label: langName(lang), href: rewriteUrl(`/static/${t.asset.path}`, ctx) });
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
      youtubeAutoload={youtubeAutoload}
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

export interface UnitComponentProps {
  node: OutlineNode;
  version: VersionData;
  courseKey: string;
  courseId: number;
  /** Studio's draft preview answers problems through its own (non-persisting) preview instead. */
  renderProblem?: (node: OutlineNode) => Promise<ReactNode>;
  /** The course asks YouTube players to load at once instead of on play. */
  youtubeAutoload?: boolean;
  /** Rendered for course staff (not viewing as a learner): problems show a failing script's message. */
  staffView?: boolean;
}

export async function UnitComponent({ node, version, courseKey, courseId, renderProblem, youtubeAutoload = false, staffView = false }: UnitComponentProps) {
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
          <VideoComponent node={node} version={version} courseKey={courseKey} youtubeAutoload={youtubeAutoload} />
        </>
      );
    case "problem": {
      if (renderProblem) return renderProblem(node);
      const xml = node.definitionHash ? await getBlobText({ hash: node.definitionHash }).catch(() => null) : null;
      if (xml === null) return <UnsupportedNotice node={node} reason="Its definition is missing." />;
      // Loaded on demand: units without problems never pull in the CAPA engine.
      const { ProblemBlock } = await import("@/components/problem");
      return <ProblemBlock courseId={courseId} courseKey={courseKey} usageKey={node.usageKey} definitionXml={xml} definitionHash={node.definitionHash} settings={node.settings} staffView={staffView} />;
    }
    case "discussion":
      // A client island: the unit's HTML is shared by every learner, the threads are not.
      return (
        <>
          {heading}
          <InlineDiscussion courseKey={courseKey} topicId={topicIdOfBlock(node)} />
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

