// The transcript ↔ player logic of the video component, independent of the player: which cue is
// active at the playhead, click-to-seek (remembered until a player is attached, e.g. before the
// learner has started a YouTube video), speed changes limited to the rates the player offers, and
// the clip's end time. The YouTube IFrame player and the HTML5 <video> element both fit
// PlayerLike; tests drive it with a fake. Pure: no DOM, no network.
import type { Cue } from "./transcripts";

/** What the sync needs of a player (a subset of the YouTube IFrame API's YT.Player). */
export interface PlayerLike {
  getCurrentTime(): number;
  seekTo(seconds: number, allowSeekAhead: boolean): void;
  setPlaybackRate(rate: number): void;
  getAvailablePlaybackRates?(): number[];
  pauseVideo?(): void;
}

/** Index of the cue playing at `t` (start inclusive, end exclusive), or -1. Cues are sorted by start. */
export function activeCueIndex(cues: readonly Cue[], t: number): number {
  let lo = 0;
  let hi = cues.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid].start <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Overlapping cues: walk back to the latest cue that still covers t.
  for (let i = found; i >= 0; i--) if (t >= cues[i].start && t < cues[i].end) return i;
  return -1;
}

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/** The offered rate closest to the wanted one (YouTube offers 0.25–2; some videos only 1). */
export function nearestRate(wanted: number, available: readonly number[]): number {
  if (!available.length) return wanted;
  return available.reduce((best, r) => (Math.abs(r - wanted) < Math.abs(best - wanted) ? r : best), available[0]);
}

export interface SyncState {
  time: number;
  active: number;
  rate: number;
}

export class TranscriptSync {
  private player: PlayerLike | null = null;
  private state: SyncState;
  private pendingSeek: number | null = null;

  constructor(
    private cues: readonly Cue[],
    private readonly onChange: (s: SyncState) => void,
    private readonly clip: { startTime?: number | null; endTime?: number | null } = {},
  ) {
    const t = clip.startTime ?? 0;
    this.state = { time: t, active: activeCueIndex(cues, t), rate: 1 };
  }

  get current(): SyncState {
    return this.state;
  }

  setCues(cues: readonly Cue[]) {
    this.cues = cues;
    this.emit({ ...this.state, active: activeCueIndex(cues, this.state.time) });
  }

  /** A player became ready: apply a seek made before it existed (or the clip start) and the rate. */
  attach(player: PlayerLike) {
    this.player = player;
    const start = this.pendingSeek ?? (this.clip.startTime && this.clip.startTime > 0 ? this.clip.startTime : null);
    this.pendingSeek = null;
    if (start !== null) player.seekTo(start, true);
    if (this.state.rate !== 1) this.setRate(this.state.rate);
  }

  detach() {
    this.player = null;
  }

  /** Reads the playhead (call on timeupdate or on a timer): updates time and the active cue. */
  tick() {
    if (!this.player) return;
    const t = this.player.getCurrentTime();
    if (!Number.isFinite(t)) return;
    if (this.clip.endTime && t >= this.clip.endTime) this.player.pauseVideo?.();
    if (t !== this.state.time) this.emit({ ...this.state, time: t, active: activeCueIndex(this.cues, t) });
  }

  /** Click-to-seek on a cue: moves the player, or remembers the place until one is attached. */
  seek(t: number) {
    const target = Math.max(0, this.clip.endTime ? Math.min(t, this.clip.endTime) : t);
    if (this.player) this.player.seekTo(target, true);
    else this.pendingSeek = target;
    this.emit({ ...this.state, time: target, active: activeCueIndex(this.cues, target) });
  }

  /** Sets the speed the player supports closest to `rate`; returns it. */
  setRate(rate: number): number {
    const applied = this.player ? nearestRate(rate, this.player.getAvailablePlaybackRates?.() ?? []) : rate;
    this.player?.setPlaybackRate(applied);
    if (applied !== this.state.rate) this.emit({ ...this.state, rate: applied });
    return applied;
  }

  private emit(s: SyncState) {
    this.state = s;
    this.onChange(s);
  }
}

/** The privacy-enhanced embed (youtube-nocookie.com) with the JS API on, for this page's origin. */
export function youtubeEmbedUrl(id: string, { origin, start, autoplay }: { origin?: string; start?: number | null; autoplay?: boolean } = {}): string {
  const q = new URLSearchParams({ enablejsapi: "1", rel: "0", playsinline: "1", cc_load_policy: "0" });
  if (origin) q.set("origin", origin);
  if (start && start > 0) q.set("start", String(Math.floor(start)));
  if (autoplay) q.set("autoplay", "1");
  return `${YOUTUBE_EMBED_ORIGIN}/embed/${encodeURIComponent(id)}?${q.toString()}`;
}

export const YOUTUBE_EMBED_ORIGIN = "https://www.youtube-nocookie.com";
/** The IFrame player API script (it attaches to our nocookie iframe by id). */
export const YOUTUBE_API_SRC = "https://www.youtube.com/iframe_api";
