// The YouTube player's transcript sync, seek and speed logic driven through a fake player (no
// YouTube, no DOM), and the legacy YouTube id forms of the video block (issue 11 item 2).
import { describe, expect, it } from "vitest";
import { activeCueIndex, nearestRate, TranscriptSync, youtubeEmbedUrl, type PlayerLike, type SyncState } from "./player-sync";
import type { Cue } from "./transcripts";
import { parseVideoXml } from "./video";

const cues: Cue[] = [
  { start: 0, end: 2, text: "a" },
  { start: 2, end: 5, text: "b" },
  { start: 6, end: 9, text: "c" },
];

class FakePlayer implements PlayerLike {
  t = 0;
  rate = 1;
  paused = false;
  seeks: number[] = [];
  constructor(private rates: number[] = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]) {}
  getCurrentTime() {
    return this.t;
  }
  seekTo(s: number) {
    this.seeks.push(s);
    this.t = s;
  }
  setPlaybackRate(r: number) {
    this.rate = r;
  }
  getAvailablePlaybackRates() {
    return this.rates;
  }
  pauseVideo() {
    this.paused = true;
  }
}

describe("activeCueIndex", () => {
  it("finds the cue at the playhead (start inclusive, end exclusive) and none in a gap", () => {
    expect(activeCueIndex(cues, 0)).toBe(0);
    expect(activeCueIndex(cues, 1.99)).toBe(0);
    expect(activeCueIndex(cues, 2)).toBe(1);
    expect(activeCueIndex(cues, 5.5)).toBe(-1);
    expect(activeCueIndex(cues, 8)).toBe(2);
    expect(activeCueIndex(cues, 100)).toBe(-1);
    expect(activeCueIndex([], 1)).toBe(-1);
  });
});

describe("TranscriptSync with a fake player", () => {
  it("follows the playhead on each tick", () => {
    const seen: SyncState[] = [];
    const sync = new TranscriptSync(cues, (s) => seen.push(s));
    const p = new FakePlayer();
    sync.attach(p);
    p.t = 3;
    sync.tick();
    expect(sync.current).toMatchObject({ time: 3, active: 1 });
    p.t = 7;
    sync.tick();
    expect(seen.map((s) => s.active)).toEqual([1, 2]);
    sync.tick(); // no change, no event
    expect(seen).toHaveLength(2);
  });

  it("a click before the player exists is remembered and applied when it attaches", () => {
    const sync = new TranscriptSync(cues, () => undefined);
    sync.seek(6);
    expect(sync.current.active).toBe(2);
    const p = new FakePlayer();
    sync.attach(p);
    expect(p.seeks).toEqual([6]);
    sync.seek(2.5);
    expect(p.seeks).toEqual([6, 2.5]);
    expect(sync.current).toMatchObject({ time: 2.5, active: 1 });
  });

  it("starts at the clip start and stops at its end", () => {
    const sync = new TranscriptSync(cues, () => undefined, { startTime: 2, endTime: 8 });
    const p = new FakePlayer();
    sync.attach(p);
    expect(p.seeks).toEqual([2]);
    sync.seek(50);
    expect(p.t).toBe(8);
    sync.tick();
    expect(p.paused).toBe(true);
  });

  it("speed: the nearest rate the player offers, applied again to a new player", () => {
    const sync = new TranscriptSync(cues, () => undefined);
    expect(sync.setRate(1.5)).toBe(1.5);
    const only1 = new FakePlayer([1]);
    sync.attach(only1);
    expect(only1.rate).toBe(1);
    expect(sync.current.rate).toBe(1);
    const full = new FakePlayer();
    sync.attach(full);
    expect(sync.setRate(1.4)).toBe(1.5);
    expect(full.rate).toBe(1.5);
    expect(nearestRate(0.6, [0.5, 0.75, 1])).toBe(0.5);
  });
});

describe("YouTube embed and ids", () => {
  it("embeds from youtube-nocookie.com with the JS API and the start", () => {
    const u = new URL(youtubeEmbedUrl("AOUEsgFrYeg", { origin: "http://127.0.0.1:3520", start: 61.7, autoplay: true }));
    expect(u.origin).toBe("https://www.youtube-nocookie.com");
    expect(u.pathname).toBe("/embed/AOUEsgFrYeg");
    expect(u.searchParams.get("enablejsapi")).toBe("1");
    expect(u.searchParams.get("start")).toBe("61");
    expect(u.searchParams.get("origin")).toBe("http://127.0.0.1:3520");
  });

  it("reads youtube_id_1_0 and the legacy speed variants", () => {
    const m = parseVideoXml(`<video youtube="0.75:slowslow01,1.00:normal0001,1.25:fastfast01,1.50:faster0001" youtube_id_1_0="normal0001"/>`);
    expect(m.youtubeId).toBe("normal0001");
    expect(m.youtubeSpeeds).toEqual({ "0.75": "slowslow01", "1": "normal0001", "1.25": "fastfast01", "1.5": "faster0001" });
    const onlySlow = parseVideoXml(`<video youtube_id_0_75="slowslow01" youtube_id_1_0=""/>`);
    expect(onlySlow.youtubeId).toBe("slowslow01");
    expect(parseVideoXml(`<video youtube="1.00:AOUEsgFrYeg" youtube_id_1_0="AOUEsgFrYeg"/>`).youtubeId).toBe("AOUEsgFrYeg");
    expect(parseVideoXml(`<video youtube_id_1_0="bad id!"/>`).youtubeId).toBeNull();
  });
});
