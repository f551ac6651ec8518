// The Video / Discussion / raw OLX editors' XML round trips (components/studio/unit-editor).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OPENEDX_DEMO_DIR } from "@/scripts/lib/shared-fixtures";
import { parseVideoXml } from "@/lib/lms/video";
import { readDiscussionFields, writeDiscussionOlx } from "@/components/studio/unit-editor/discussion-olx";
import { parseBlockXml } from "@/components/studio/unit-editor/olx-xml";
import { parseHms, readVideoFields, toHms, writeVideoOlx } from "@/components/studio/unit-editor/video-olx";

const DEMO = OPENEDX_DEMO_DIR;

describe("video OLX", () => {
  it("writes what the LMS player reads, as Open edX exports it", () => {
    const olx = writeVideoOlx('<video url_name="v1" edx_video_id="abc"/>', {
      displayName: "Intro",
      html5Sources: ["/static/intro.mp4", " "],
      youtubeId: "AOUEsgFrYeg",
      startTime: 75,
      endTime: 3600,
      transcripts: { en: "intro-en.srt", es: "intro-es.vtt" },
      downloadVideo: true,
    });
    const root = (parseBlockXml(olx, "video") as { ok: true; root: Element }).root;
    expect(root.getAttribute("url_name")).toBe("v1");
    expect(root.getAttribute("edx_video_id")).toBe("abc");
    expect(root.getAttribute("youtube")).toBe("1.00:AOUEsgFrYeg");
    expect(root.getAttribute("start_time")).toBe("00:01:15");
    expect(root.getAttribute("end_time")).toBe("01:00:00");
    expect(JSON.parse(root.getAttribute("html5_sources")!)).toEqual(["/static/intro.mp4"]);
    expect(JSON.parse(root.getAttribute("transcripts")!)).toEqual({ en: "intro-en.srt", es: "intro-es.vtt" });
    expect(olx).toContain('<source src="/static/intro.mp4"/>');
    expect(olx).toContain('<transcript language="es" src="intro-es.vtt"/>');
    const m = parseVideoXml(olx);
    expect(m).toMatchObject({ displayName: "Intro", html5Sources: ["/static/intro.mp4"], youtubeId: "AOUEsgFrYeg", startTime: 75, endTime: 3600, downloadVideo: true });
    expect(m.transcripts).toEqual({ en: "intro-en.srt", es: "intro-es.vtt" });
  });

  it("round-trips every demo-course video, keeping children it does not own", () => {
    const dir = path.join(DEMO, "video");
    const files = readdirSync(dir).filter((f) => f.endsWith(".xml"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const xml = readFileSync(path.join(dir, f), "utf8");
      const fields = readVideoFields(xml);
      const out = writeVideoOlx(xml, fields);
      expect(readVideoFields(out)).toEqual(fields);
      if (xml.includes("<video_asset")) expect(out).toContain("<video_asset");
    }
  });

  it("replaces sources and transcripts instead of appending to them", () => {
    const once = writeVideoOlx("<video/>", { displayName: "a", html5Sources: ["/static/a.mp4"], youtubeId: "", startTime: null, endTime: null, transcripts: { en: "a.srt" }, downloadVideo: false });
    const twice = writeVideoOlx(once, { ...readVideoFields(once), html5Sources: ["/static/b.mp4"], transcripts: {} });
    expect(twice).not.toContain("a.mp4");
    expect(twice).not.toContain("<transcript");
    expect(twice).not.toContain("transcripts=");
    expect(twice.match(/<source /g)).toHaveLength(1);
  });

  it("parses clip times", () => {
    expect(parseHms("1:15")).toBe(75);
    expect(parseHms("00:01:15")).toBe(75);
    expect(parseHms("90")).toBe(90);
    expect(parseHms("")).toBeNull();
    expect(parseHms("1m")).toBeNaN();
    expect(toHms(3725)).toBe("01:02:05");
  });
});

describe("discussion OLX", () => {
  it("writes category, subcategory and a stable id, keeping other attributes", () => {
    const base = '<discussion url_name="d1" xblock-family="xblock.v1" display_name="Old"/>';
    const out = writeDiscussionOlx(base, { displayName: "Week 1", category: "Module 1", subcategory: "Intros", discussionId: "" }, () => "gen-id");
    expect(readDiscussionFields(out)).toEqual({ displayName: "Week 1", category: "Module 1", subcategory: "Intros", discussionId: "gen-id" });
    expect(out).toContain('xblock-family="xblock.v1"');
    const again = writeDiscussionOlx(out, readDiscussionFields(out), () => "other");
    expect(readDiscussionFields(again).discussionId).toBe("gen-id");
  });
});

describe("raw OLX check", () => {
  it("accepts a well-formed element of the block's type and refuses anything else", () => {
    expect(parseBlockXml('<poll question="Q"><answer id="a">A</answer></poll>', "poll").ok).toBe(true);
    const wrongRoot = parseBlockXml("<html/>", "poll");
    expect(wrongRoot).toEqual({ ok: false, error: "The root element must be <poll>, not <html>." });
    const broken = parseBlockXml("<poll><answer></poll>", "poll");
    expect(broken.ok).toBe(false);
    expect(parseBlockXml("", "poll").ok).toBe(false);
  });
});
