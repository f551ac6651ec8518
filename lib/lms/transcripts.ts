// Transcript formats Open edX courses carry: SubRip (.srt), WebVTT (.vtt) and edX's own
// "sjson" ({start:[ms], end:[ms], text:[...]}). All parse to one cue list; cues serialize to
// WebVTT for the <track> element and to JSON for the video player's transcript panel, which
// fetches them from the course-file route (?format=vtt / ?format=json). Pure.

export interface Cue {
  /** seconds */
  start: number;
  end: number;
  text: string;
}

const TIME = /(?:(\d+):)?(\d{1,2}):(\d{2})[,.](\d{1,3})/;

function toSeconds(m: RegExpExecArray | RegExpMatchArray): number {
  const h = Number(m[1] ?? 0);
  const min = Number(m[2]);
  const s = Number(m[3]);
  const ms = Number(m[4].padEnd(3, "0"));
  return h * 3600 + min * 60 + s + ms / 1000;
}

function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&nbsp;/g, " ");
}

/** SubRip and WebVTT share the "start --> end" cue line; cue ids, headers and NOTE blocks are skipped. */
function parseCueBlocks(text: string): Cue[] {
  const cues: Cue[] = [];
  const blocks = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split(/\n{2,}/);
  for (const block of blocks) {
    const lines = block.split("\n");
    const timeIdx = lines.findIndex((l) => l.includes("-->"));
    if (timeIdx === -1) continue;
    const [a, b] = lines[timeIdx].split("-->");
    const ma = TIME.exec(a);
    const mb = TIME.exec(b ?? "");
    if (!ma || !mb) continue;
    const body = stripTags(lines.slice(timeIdx + 1).join("\n")).trim();
    if (!body) continue;
    cues.push({ start: toSeconds(ma), end: toSeconds(mb), text: body });
  }
  return cues.sort((x, y) => x.start - y.start);
}

export const parseSrt = parseCueBlocks;
export const parseVtt = parseCueBlocks;

export function parseSjson(text: string): Cue[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return [];
  }
  if (!data || typeof data !== "object") return [];
  const { start, end, text: lines } = data as { start?: unknown; end?: unknown; text?: unknown };
  if (!Array.isArray(start) || !Array.isArray(end) || !Array.isArray(lines)) return [];
  const cues: Cue[] = [];
  for (let i = 0; i < Math.min(start.length, end.length, lines.length); i++) {
    const s = Number(start[i]);
    const e = Number(end[i]);
    const t = stripTags(String(lines[i] ?? "")).trim();
    if (!Number.isFinite(s) || !Number.isFinite(e) || !t) continue;
    cues.push({ start: s / 1000, end: e / 1000, text: t });
  }
  return cues;
}

/** Picks the parser by file name, falling back to sniffing the content. */
export function parseTranscript(fileName: string, text: string): Cue[] {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".sjson") || text.trimStart().startsWith("{")) return parseSjson(text);
  if (lower.endsWith(".vtt")) return parseVtt(text);
  return parseSrt(text);
}

function stamp(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const r = ms % 1000;
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(h)}:${p(m)}:${p(s)}.${p(r, 3)}`;
}

export function toVtt(cues: readonly Cue[]): string {
  return `WEBVTT\n\n${cues.map((c) => `${stamp(c.start)} --> ${stamp(c.end)}\n${c.text}`).join("\n\n")}\n`;
}

export function toSrt(cues: readonly Cue[]): string {
  return cues.map((c, i) => `${i + 1}\n${stamp(c.start).replace(".", ",")} --> ${stamp(c.end).replace(".", ",")}\n${c.text}`).join("\n\n") + "\n";
}

/** "1:05" / "1:02:03" for display. */
export function clock(seconds: number): string {
  const t = Math.max(0, Math.floor(seconds));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  return h ? `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}` : `${m}:${String(s).padStart(2, "0")}`;
}

/** The conversions the course-file route serves a transcript in. */
export type TranscriptFormat = "vtt" | "json";

export function isTranscriptFormat(v: string | null | undefined): v is TranscriptFormat {
  return v === "vtt" || v === "json";
}

/** A transcript file's URL (as rewriteUrl gives it, maybe with ?v=<hash>) in one of the route's formats. */
export function transcriptHref(href: string, format: TranscriptFormat): string {
  return `${href}${href.includes("?") ? "&" : "?"}format=${format}`;
}

/** The cues of a ?format=json answer, checked (a cached or proxied answer may be anything); null when it is not one. */
export function cuesFromJson(data: unknown): Cue[] | null {
  const cues = data && typeof data === "object" ? (data as { cues?: unknown }).cues : undefined;
  if (!Array.isArray(cues)) return null;
  const ok = cues.every(
    (c: unknown) =>
      !!c && typeof c === "object" && Number.isFinite((c as Cue).start) && Number.isFinite((c as Cue).end) && typeof (c as Cue).text === "string",
  );
  return ok ? (cues as Cue[]) : null;
}
