"use client";
// The video component: an HTML5 player (speed control, captions track) or, for YouTube videos, the
// YouTube IFrame player from youtube-nocookie.com — loaded only when the learner starts it (or at
// once when the course sets youtube_autoload) — beside a transcript panel that follows the
// playhead and whose lines seek the video on click or Enter; arrow keys move between lines. The
// transcript/seek/speed logic for YouTube lives in lib/lms/player-sync.ts (tested with a fake player).
// The page hands it each transcript's URL, not its cues (they would travel twice, in the HTML and
// in the Flight data): the panel fetches the selected language's cues from the course-file route
// (?format=json), keyed by the asset URL, which carries the file's hash, so the browser caches it
// for good; the <track> element reads the same file as WebVTT. While the cues load the panel says
// so; if they fail, it offers to try again and the download link still works.
import { useEffect, useRef, useState } from "react";
import { SPEEDS, TranscriptSync, YOUTUBE_API_SRC, youtubeEmbedUrl, type PlayerLike } from "@/lib/lms/player-sync";
import { clock, cuesFromJson, transcriptHref, type Cue } from "@/lib/lms/transcripts";
import styles from "./lms.module.css";

interface YTPlayer extends PlayerLike {
  destroy(): void;
}
type YTNamespace = { Player: new (el: string | HTMLElement, opts: { events?: { onReady?: (e: { target: YTPlayer }) => void } }) => YTPlayer };
declare global {
  interface Window {
    YT?: YTNamespace;
    onYouTubeIframeAPIReady?: () => void;
  }
}

let ytApi: Promise<YTNamespace> | null = null;
/** Loads the IFrame player API once per page (a script element: allowed by the CSP's strict-dynamic). */
function loadYouTubeApi(): Promise<YTNamespace> {
  if (window.YT?.Player) return Promise.resolve(window.YT);
  ytApi ??= new Promise((resolve, reject) => {
    const prev = window.onYouTubeIframeAPIReady;
    window.onYouTubeIframeAPIReady = () => {
      prev?.();
      if (window.YT) resolve(window.YT);
    };
    const script = document.createElement("script");
    script.src = YOUTUBE_API_SRC;
    script.async = true;
    script.onerror = () => {
      ytApi = null;
      reject(new Error("The YouTube player could not be loaded."));
    };
    document.head.appendChild(script);
  });
  return ytApi;
}

export interface TranscriptTrack {
  lang: string;
  label: string;
  /** the transcript file's URL on the course-file route (the download link; ?format=json / vtt convert it) */
  href: string;
}

/** Cues by transcript URL, for this page's lifetime (the URL names one version of the file). */
const cueRequests = new Map<string, Promise<Cue[]>>();

function loadCues(href: string): Promise<Cue[]> {
  let request = cueRequests.get(href);
  if (!request) {
    request = fetch(transcriptHref(href, "json"), { credentials: "same-origin" }).then(async (res) => {
      if (!res.ok) throw new Error(`transcript ${res.status}`);
      const cues = cuesFromJson(await res.json());
      if (!cues) throw new Error("not a transcript");
      return cues;
    });
    // A failed load is not remembered: "Try again" asks the server again.
    request.catch(() => cueRequests.delete(href));
    cueRequests.set(href, request);
  }
  return request;
}

type CueLoad = { href: string | null; attempt: number; cues: Cue[] | null; failed: boolean };

/** The cues of the transcript at `href`: null while loading (or when there is none), `failed` after an error. */
function useCues(href: string | null, attempt: number): Pick<CueLoad, "cues" | "failed"> {
  const [load, setLoad] = useState<CueLoad>({ href: null, attempt: 0, cues: null, failed: false });
  useEffect(() => {
    if (!href) return;
    let live = true;
    loadCues(href).then(
      (cues) => live && setLoad({ href, attempt, cues, failed: false }),
      () => live && setLoad({ href, attempt, cues: null, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [href, attempt]);
  // A language switch or a retry shows "loading" until its own answer arrives.
  return load.href === href && load.attempt === attempt ? load : { cues: null, failed: false };
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
  /** course setting youtube_autoload: load the YouTube player with the page, not on the learner's click */
  youtubeAutoload?: boolean;
}

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
  const [attempt, setAttempt] = useState(0);
  const { cues, failed } = useCues(track?.href ?? null, attempt);
  const hasPlayer = props.sources.length > 0;
  const youtube = !hasPlayer && props.youtubeId ? props.youtubeId : null;
  const active = cues ? cues.findIndex((c) => time >= c.start && time < c.end) : -1;
  // YouTube: the embed URL is set when the learner starts the video (or at once with autoload).
  const [ytSrc, setYtSrc] = useState<string | null>(null);
  const [ytError, setYtError] = useState<string | null>(null);
  const syncRef = useRef<TranscriptSync | null>(null);
  syncRef.current ??= new TranscriptSync([], (st) => {
    setTime(st.time);
    setSpeed(st.rate);
  }, { startTime: props.startTime, endTime: props.endTime });
  const frameId = `yt-${props.id}`;

  const startYouTube = (autoplay: boolean) => {
    if (!youtube) return;
    setYtSrc(youtubeEmbedUrl(youtube, { origin: window.location.origin, start: syncRef.current?.current.time ?? props.startTime, autoplay }));
  };

  useEffect(() => {
    if (youtube && props.youtubeAutoload && !ytSrc) startYouTube(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount
  }, []);

  useEffect(() => {
    if (!ytSrc) return;
    let player: YTPlayer | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let cancelled = false;
    const sync = syncRef.current!;
    loadYouTubeApi()
      .then((YT) => {
        if (cancelled) return;
        player = new YT.Player(frameId, {
          events: {
            onReady: (e) => {
              sync.attach(e.target);
              timer = setInterval(() => sync.tick(), 250);
            },
          },
        });
      })
      .catch((err: Error) => setYtError(err.message));
    return () => {
      cancelled = true;
      if (timer) clearInterval(timer);
      sync.detach();
      player?.destroy();
    };
  }, [ytSrc, frameId]);

  useEffect(() => {
    syncRef.current?.setCues(cues ?? []);
  }, [cues]);

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
    if (youtube) {
      syncRef.current?.seek(t);
      return;
    }
    setTime(t);
    const v = videoRef.current;
    if (v) v.currentTime = t;
  };

  const changeSpeed = (r: number) => {
    if (youtube) syncRef.current?.setRate(r);
    else setSpeed(r);
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
              <track key={t.lang} kind="captions" src={transcriptHref(t.href, "vtt")} srcLang={t.lang} label={t.label} default={i === 0} />
            ))}
          </video>
        ) : youtube && ytSrc ? (
          <div className={styles.video} data-testid="youtube-player">
            <iframe
              id={frameId}
              src={ytSrc}
              title={`Video: ${props.title}`}
              style={{ width: "100%", aspectRatio: "16 / 9", border: 0 }}
              allow="autoplay; encrypted-media; picture-in-picture; fullscreen"
              allowFullScreen
              referrerPolicy="strict-origin-when-cross-origin"
            />
            {ytError ? <p role="alert">{ytError} The transcript still works; <a href={ytHref ?? "#"} target="_blank" rel="noopener noreferrer">watch on YouTube</a>.</p> : null}
          </div>
        ) : youtube ? (
          <div className={styles.notice} data-testid="youtube-placeholder">
            <button type="button" className={styles.button} onClick={() => startYouTube(true)}>
              ▶ Play “{props.title}”{time >= 1 ? ` from ${clock(time)}` : ""}
            </button>
            <p style={{ marginBottom: 0 }}>
              The video plays in YouTube’s privacy-enhanced player (youtube-nocookie.com), loaded when you start it.{" "}
              <a href={ytHref!} target="_blank" rel="noopener noreferrer">
                Watch on YouTube<span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            </p>
          </div>
        ) : (
          <div className={styles.notice} role="note">
            <p style={{ marginTop: 0 }}>
              <strong>This video has no playable source here.</strong>
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
          {hasPlayer || youtube ? (
            <label>
              Speed{" "}
              <select value={speed} onChange={(e) => changeSpeed(Number(e.target.value))}>
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
          {track ? (
            <a href={track.href} download>
              Download transcript ({track.label})
            </a>
          ) : null}
        </div>
      </div>
      {track ? (
        <section className={styles.transcript} aria-label={`Transcript: ${props.title}`} aria-busy={!cues && !failed}>
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
          {cues ? (
            <ol ref={listRef}>
              {cues.map((c, i) => (
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
          ) : failed ? (
            <p className={styles.transcriptStatus} role="alert" data-testid="transcript-error">
              The transcript could not be loaded.{" "}
              <button type="button" className={styles.linkButton} onClick={() => setAttempt((n) => n + 1)}>
                Try again
              </button>{" "}
              or{" "}
              <a href={track.href} download>
                download it
              </a>
              .
            </p>
          ) : (
            <p className={styles.transcriptStatus} role="status" data-testid="transcript-loading">
              Loading transcript…
            </p>
          )}
        </section>
      ) : null}
    </div>
  );
}
