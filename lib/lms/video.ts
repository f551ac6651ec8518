// What the player needs from a <video> block's XML: HTML5 sources (the html5_sources JSON
// attribute and <source> children), YouTube id, transcripts per language (transcripts JSON,
// <transcript> children, legacy `sub` → subs_<sub>.srt.sjson), handout, downloads, clip times.
// Pure.
import { DOMParser } from "@xmldom/xmldom";

export interface VideoModel {
  displayName: string | null;
  html5Sources: string[];
  youtubeId: string | null;
  /** language → file name under static/ */
  transcripts: Record<string, string>;
  handout: string | null;
  downloadVideo: boolean;
  downloadTrack: boolean;
  track: string | null;
  /** seconds */
  startTime: number | null;
  endTime: number | null;
}

function parseJson<T>(v: string | null | undefined, fallback: T): T {
  if (!v) return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

function hms(v: string | null): number | null {
  if (!v) return null;
  const parts = v.split(":").map(Number);
  if (parts.some((n) => !Number.isFinite(n))) return null;
  const secs = parts.reduce((acc, n) => acc * 60 + n, 0);
  return secs > 0 ? secs : null;
}

export function parseVideoXml(xml: string): VideoModel {
  const model: VideoModel = {
    displayName: null,
    html5Sources: [],
    youtubeId: null,
    transcripts: {},
    handout: null,
    downloadVideo: false,
    downloadTrack: false,
    track: null,
    startTime: null,
    endTime: null,
  };
  let doc: Document;
  try {
    doc = new DOMParser({ onError: () => undefined }).parseFromString(xml, "text/xml") as unknown as Document;
  } catch {
    return model;
  }
  const el = doc?.documentElement;
  if (!el || el.nodeName !== "video") return model;
  const attr = (n: string) => (el.hasAttribute(n) ? el.getAttribute(n) : null);
  model.displayName = attr("display_name");
  const sources = new Set<string>(parseJson<string[]>(attr("html5_sources"), []).filter((s) => typeof s === "string" && s));
  const children = Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1);
  for (const c of children) {
    if (c.nodeName === "source" && c.getAttribute("src")) sources.add(c.getAttribute("src")!);
    if (c.nodeName === "transcript" && c.getAttribute("src")) model.transcripts[c.getAttribute("language") || "en"] ??= c.getAttribute("src")!;
    if (c.nodeName === "handout" && c.getAttribute("src")) model.handout ??= c.getAttribute("src");
  }
  model.html5Sources = [...sources];
  const yt = attr("youtube_id_1_0") || /(?:^|,)\s*1\.0+:([\w-]+)/.exec(attr("youtube") ?? "")?.[1] || null;
  model.youtubeId = yt && /^[\w-]{6,20}$/.test(yt) ? yt : null;
  for (const [lang, file] of Object.entries(parseJson<Record<string, unknown>>(attr("transcripts"), {}))) {
    if (typeof file === "string" && file) model.transcripts[lang] = file;
  }
  const sub = attr("sub");
  if (sub && !model.transcripts.en) model.transcripts.en = `subs_${sub}.srt.sjson`;
  model.handout ??= attr("handout");
  model.downloadVideo = attr("download_video") === "true";
  model.downloadTrack = attr("download_track") === "true";
  model.track = attr("track");
  model.startTime = hms(attr("start_time"));
  model.endTime = hms(attr("end_time"));
  return model;
}
