// The Video editor's model ⇄ the <video> OLX element, written the way Open edX's VideoBlock
// exports it: html5_sources / transcripts as JSON attributes plus <source>/<transcript> children,
// youtube="1.00:<id>" with youtube_id_1_0, start/end as HH:MM:SS, download_video "true"/"false".
// Attributes and children this editor does not own (edx_video_id, <video_asset>, handouts …) are
// kept as written. Pure; lib/lms/video.ts is the reader the LMS player uses.
import { parseVideoXml } from "@/lib/lms/video";
import { appendChild, parseBlockXml, removeChildren, serializeXml, setOrRemove } from "./olx-xml";

export interface VideoFields {
  displayName: string;
  html5Sources: string[];
  youtubeId: string;
  /** seconds, null = not set */
  startTime: number | null;
  endTime: number | null;
  /** language code → file name under static/ */
  transcripts: Record<string, string>;
  downloadVideo: boolean;
}

export function readVideoFields(olx: string): VideoFields {
  const m = parseVideoXml(olx);
  return {
    displayName: m.displayName ?? "",
    html5Sources: m.html5Sources,
    youtubeId: m.youtubeId ?? "",
    startTime: m.startTime,
    endTime: m.endTime,
    transcripts: { ...m.transcripts },
    downloadVideo: m.downloadVideo,
  };
}

/** 75 → "00:01:15" (Open edX's RelativeTime format). */
export function toHms(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** "1:15", "00:01:15" or "75" → 75; "" → null; anything else → NaN. */
export function parseHms(text: string): number | null {
  const t = text.trim();
  if (!t) return null;
  if (!/^\d+(:\d{1,2}){0,2}$/.test(t)) return NaN;
  return t.split(":").reduce((acc, n) => acc * 60 + Number(n), 0);
}

export function writeVideoOlx(baseOlx: string, f: VideoFields): string {
  const parsed = parseBlockXml(baseOlx.trim() || "<video/>", "video");
  if (!parsed.ok) throw new Error(parsed.error);
  const { doc, root } = parsed;
  setOrRemove(root, "display_name", f.displayName);
  const yt = f.youtubeId.trim();
  setOrRemove(root, "youtube", yt ? `1.00:${yt}` : null);
  setOrRemove(root, "youtube_id_1_0", yt || null);
  const sources = f.html5Sources.map((s) => s.trim()).filter(Boolean);
  root.setAttribute("html5_sources", JSON.stringify(sources));
  setOrRemove(root, "start_time", f.startTime ? toHms(f.startTime) : null);
  setOrRemove(root, "end_time", f.endTime ? toHms(f.endTime) : null);
  root.setAttribute("download_video", f.downloadVideo ? "true" : "false");
  const transcripts = Object.fromEntries(Object.entries(f.transcripts).filter(([lang, file]) => lang.trim() && file.trim()));
  setOrRemove(root, "transcripts", Object.keys(transcripts).length ? JSON.stringify(transcripts) : null);
  // A legacy `sub` would shadow the English transcript chosen here.
  if (transcripts.en) root.removeAttribute("sub");
  removeChildren(root, "source");
  removeChildren(root, "transcript");
  for (const src of sources) appendChild(doc, root, "source", { src });
  for (const [language, src] of Object.entries(transcripts)) appendChild(doc, root, "transcript", { language, src });
  return serializeXml(root);
}
