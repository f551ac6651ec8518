"use client";
// The video component: an HTML5 player (speed control, captions track) beside a transcript panel
// whose lines seek the video on click or Enter; arrow keys move between lines. YouTube-only
// videos get an accessible notice with the link (no network is needed), and the transcript
// still works: a line then updates the "watch from here" link.
import { useEffect, useRef, useState } from "react";
import type { Cue } from "@/lib/lms/transcripts";
import { clock } from "@/lib/lms/transcripts";
import styles from "./lms.module.css";

export interface TranscriptTrack {
  lang: string;
  label: string;
  cues: Cue[];
  vttHref: string;
  downloadHref: string;
}

export interface VideoPlayerProps {
  id: string;
  title: string;
  sources: string[];
  youtubeId: string | null;
  transcripts: TranscriptTrack[];
  startTime: number | null;
  endTime: number | null;
  downloadHref: string | null;
  handoutHref: string | null;
}

const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2];

function typeOf(src: string): string | undefined {
  const ext = src.split(/[?#]/)[0].split(".").pop()?.toLowerCase();
  return ext === "mp4" ? "video/mp4" : ext === "webm" ? "video/webm" : ext === "ogv" || ext === "ogg" ? "video/ogg" : undefined;
}

export function VideoPlayer(props: VideoPlayerProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const [lang, setLang] = useState(props.transcripts[0]?.lang ?? "");
  const [time, setTime] = useState(props.startTime ?? 0);
  const [speed, setSpeed] = useState(1);
  const track = props.transcripts.find((t) => t.lang === lang) ?? props.transcripts[0];
  const hasPlayer = props.sources.length > 0;
  const active = track ? track.cues.findIndex((c) => time >= c.start && time < c.end) : -1;

  useEffect(() => {
    const v = videoRef.current;
    if (!v) return;
    const onTime = () => {
      setTime(v.currentTime);
      if (props.endTime && v.currentTime >= props.endTime) v.pause();
    };
    v.addEventListener("timeupdate", onTime);
    v.addEventListener("seeked", onTime);
    return () => {
      v.removeEventListener("timeupdate", onTime);
      v.removeEventListener("seeked", onTime);
    };
  }, [props.endTime]);

  useEffect(() => {
    if (videoRef.current) videoRef.current.playbackRate = speed;
  }, [speed]);

  const seek = (t: number) => {
    setTime(t);
    const v = videoRef.current;
    if (v) v.currentTime = t;
  };

  const onCueKey = (e: React.KeyboardEvent<HTMLButtonElement>, i: number) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp" && e.key !== "Home" && e.key !== "End") return;
    e.preventDefault();
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>("button");
    if (!buttons?.length) return;
    const next = e.key === "Home" ? 0 : e.key === "End" ? buttons.length - 1 : Math.min(buttons.length - 1, Math.max(0, i + (e.key === "ArrowDown" ? 1 : -1)));
    buttons[next].focus();
  };

  const ytHref = props.youtubeId ? `https://www.youtube.com/watch?v=${props.youtubeId}${time >= 1 ? `&t=${Math.floor(time)}s` : ""}` : null;

  return (
    <div className={styles.player} data-testid="video-player" data-current-time={time.toFixed(2)}>
      <div>
        {hasPlayer ? (
          <video
            ref={videoRef}
            className={styles.video}
            controls
            preload="metadata"
            aria-label={`Video: ${props.title}`}
            onLoadedMetadata={(e) => {
              if (props.startTime && e.currentTarget.currentTime < props.startTime) e.currentTarget.currentTime = props.startTime;
              e.currentTarget.playbackRate = speed;
            }}
          >
            {props.sources.map((s) => (
              <source key={s} src={s} type={typeOf(s)} />
            ))}
            {props.transcripts.map((t, i) => (
              <track key={t.lang} kind="captions" src={t.vttHref} srcLang={t.lang} label={t.label} default={i === 0} />
            ))}
          </video>
        ) : (
          <div className={styles.notice} role="note">
            <p style={{ marginTop: 0 }}>
              <strong>This video is hosted on YouTube</strong>, which this site does not embed.
            </p>
            {ytHref ? (
              <p style={{ marginBottom: 0 }}>
                <a href={ytHref} target="_blank" rel="noopener noreferrer">
                  Watch “{props.title}” on YouTube{time >= 1 ? ` from ${clock(time)}` : ""}
                  <span className="visually-hidden"> (opens in a new tab)</span>
                </a>
              </p>
            ) : (
              <p style={{ marginBottom: 0 }}>No playable source is available for this video.</p>
            )}
          </div>
        )}
        <div className={styles.controls}>
          {hasPlayer ? (
            <label>
              Speed{" "}
              <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
                {SPEEDS.map((s) => (
                  <option key={s} value={s}>
                    {s}×
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {props.downloadHref ? <a href={props.downloadHref} download>Download video</a> : null}
          {props.handoutHref ? <a href={props.handoutHref}>Download handout</a> : null}
          {track ? <a href={track.downloadHref} download>Download transcript ({track.label})</a> : null}
        </div>
      </div>
      {track ? (
        <section className={styles.transcript} aria-label={`Transcript: ${props.title}`}>
          {props.transcripts.length > 1 ? (
            <label className={styles.controls}>
              Language{" "}
              <select value={lang} onChange={(e) => setLang(e.target.value)}>
                {props.transcripts.map((t) => (
                  <option key={t.lang} value={t.lang}>
                    {t.label}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <ol ref={listRef}>
            {track.cues.map((c, i) => (
              <li key={`${c.start}-${i}`}>
                <button
                  type="button"
                  className={i === active ? styles.cueActive : styles.cue}
                  aria-current={i === active ? "true" : undefined}
                  onClick={() => seek(c.start)}
                  onKeyDown={(e) => onCueKey(e, i)}
                >
                  <span className="visually-hidden">Seek to {clock(c.start)}: </span>
                  {c.text}
                </button>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
