// What the player needs from a <video> block's XML: HTML5 sources (the html5_sources JSON
// attribute and <source> children), YouTube id, transcripts per language (transcripts JSON,
// <transcript> children, legacy `sub` → subs_<sub>.srt.sjson), handout, downloads, clip times.
// Pure.
import { DOMParser } from "@xmldom/xmldom";

export interface VideoModel {
  displayName: string | null;
  html5Sources: string[];
  youtubeId: string | null;
  /** legacy per-speed YouTube ids ("0.75" → id): youtube_id_0_75 / _1_25 / _1_5 and youtube="0.75:id,…" */
  youtubeSpeeds: Record<string, string>;
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
    youtubeSpeeds: {},
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
  const validId = (v: string | null | undefined) => (v && /^[\w-]{6,20}$/.test(v.trim()) ? v.trim() : null);
  // youtube="0.75:id1,1.00:id2,1.25:id3,1.50:id4" (the oldest form), then the per-speed attributes.
  for (const part of (attr("youtube") ?? "").split(",")) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*:\s*([\w-]+)\s*$/.exec(part);
    const id = validId(m?.[2]);
    if (m && id) model.youtubeSpeeds[String(Number(m[1]))] = id;
  }
  for (const [a, speed] of [["youtube_id_0_75", "0.75"], ["youtube_id_1_0", "1"], ["youtube_id_1_25", "1.25"], ["youtube_id_1_5", "1.5"]] as const) {
    const id = validId(attr(a));
    if (id) model.youtubeSpeeds[speed] = id;
  }
  // The normal-speed video is the one played (the player changes speed itself); another speed's
  // video when it is the only one.
  model.youtubeId = model.youtubeSpeeds["1"] ?? model.youtubeSpeeds["0.75"] ?? model.youtubeSpeeds["1.25"] ?? model.youtubeSpeeds["1.5"] ?? Object.values(model.youtubeSpeeds)[0] ?? null;
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
