"use client";
// The Video editor: display name, HTML5 sources (a URL or one of the course's files), YouTube id,
// clip start/end, a transcript per language (.srt/.vtt uploaded into the course's files) and
// whether learners may download the video. Writes the <video> OLX as Open edX does (video-olx.ts).
import { useId, useState } from "react";
import { Button, Field } from "@/components/ui";
import { AssetPicker } from "./asset-picker";
import type { EditorProps } from "./component-editor";
import { parseHms, readVideoFields, toHms, writeVideoOlx } from "./video-olx";
import styles from "./unit-editor.module.css";

type Picking = { kind: "source"; index: number } | { kind: "transcript"; index: number } | null;

export function VideoEditor({ courseKey, data, saving, onSave, onCancel }: EditorProps) {
  const id = useId();
  const initial = readVideoFields(data.olx);
  const [displayName, setDisplayName] = useState(initial.displayName);
  const [sources, setSources] = useState<string[]>(initial.html5Sources.length ? initial.html5Sources : [""]);
  const [youtubeId, setYoutubeId] = useState(initial.youtubeId);
  const [start, setStart] = useState(initial.startTime ? toHms(initial.startTime) : "");
  const [end, setEnd] = useState(initial.endTime ? toHms(initial.endTime) : "");
  const [transcripts, setTranscripts] = useState<{ lang: string; file: string }[]>(Object.entries(initial.transcripts).map(([lang, file]) => ({ lang, file })));
  const [download, setDownload] = useState(initial.downloadVideo);
  const [picking, setPicking] = useState<Picking>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = () => {
    const e: Record<string, string> = {};
    const s = parseHms(start);
    const en = parseHms(end);
    if (Number.isNaN(s)) e.start = "Use HH:MM:SS, MM:SS or seconds.";
    if (Number.isNaN(en)) e.end = "Use HH:MM:SS, MM:SS or seconds.";
    if (!e.start && !e.end && s && en && en <= s) e.end = "The end must be after the start.";
    if (youtubeId.trim() && !/^[\w-]{6,20}$/.test(youtubeId.trim())) e.youtube = "A YouTube id is 6–20 letters, digits, - or _ (e.g. dQw4w9WgXcQ).";
    const langs = transcripts.filter((t) => t.file.trim());
    if (langs.some((t) => !/^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})?$/.test(t.lang.trim()))) e.transcripts = "Give every transcript a language code such as en or pt-BR.";
    if (new Set(langs.map((t) => t.lang.trim())).size !== langs.length) e.transcripts = "Only one transcript per language.";
    setErrors(e);
    if (Object.keys(e).length) return;
    const olx = writeVideoOlx(data.olx, {
      displayName: displayName.trim(),
      html5Sources: sources,
      youtubeId: youtubeId.trim(),
      startTime: s,
      endTime: en,
      transcripts: Object.fromEntries(langs.map((t) => [t.lang.trim(), t.file.trim()])),
      downloadVideo: download,
    });
    onSave({ kind: "olx", olx });
  };

  return (
    <div>
      <Field label="Display name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      <fieldset className={styles.fieldset}>
        <legend>Video files (HTML5 sources)</legend>
        <div className={styles.rows}>
          {sources.map((src, i) => (
            <div key={i} className={styles.inline}>
              <Field
                label={`Source ${i + 1} URL`}
                hint={i === 0 ? "An https:// URL, or /static/<file> for a file of this course." : undefined}
                value={src}
                onChange={(e) => setSources(sources.map((x, j) => (j === i ? e.target.value : x)))}
                style={{ minWidth: "22rem" }}
              />
              <Button size="small" variant="secondary" onClick={() => setPicking({ kind: "source", index: i })}>
                Choose a course file<span className="visually-hidden"> for source {i + 1}</span>
              </Button>
              <Button size="small" variant="ghost" onClick={() => setSources(sources.length > 1 ? sources.filter((_, j) => j !== i) : [""])}>
                Remove<span className="visually-hidden"> source {i + 1}</span>
              </Button>
            </div>
          ))}
        </div>
        {picking?.kind === "source" ? (
          <AssetPicker
            courseKey={courseKey}
            label={`Choose a video file for source ${picking.index + 1}`}
            match="video"
            acceptAttr="video/*"
            accept={(f) => f.contentType.startsWith("video/") || /\.(mp4|webm|ogv|m3u8)$/i.test(f.path)}
            onPick={(f) => {
              setSources(sources.map((x, j) => (j === picking.index ? f.url : x)));
              setPicking(null);
            }}
            onClose={() => setPicking(null)}
          />
        ) : null}
        <div className={styles.actions}>
          <Button size="small" variant="secondary" onClick={() => setSources([...sources, ""])}>
            Add a source
          </Button>
        </div>
      </fieldset>
      <Field label="YouTube video id" hint="Optional, e.g. dQw4w9WgXcQ." value={youtubeId} onChange={(e) => setYoutubeId(e.target.value)} error={errors.youtube} />
      <div className={styles.inline}>
        <Field label="Start time" hint="HH:MM:SS (optional)" value={start} onChange={(e) => setStart(e.target.value)} error={errors.start} />
        <Field label="End time" hint="HH:MM:SS (optional)" value={end} onChange={(e) => setEnd(e.target.value)} error={errors.end} />
      </div>
      <fieldset className={styles.fieldset} aria-describedby={errors.transcripts ? `${id}-terr` : undefined}>
        <legend>Transcripts</legend>
        {transcripts.length === 0 ? <p className={styles.muted}>No transcripts yet.</p> : null}
        <div className={styles.rows}>
          {transcripts.map((t, i) => (
            <div key={i} className={styles.inline} data-testid="transcript-row">
              <Field label={`Transcript ${i + 1} language`} value={t.lang} onChange={(e) => setTranscripts(transcripts.map((x, j) => (j === i ? { ...x, lang: e.target.value } : x)))} style={{ width: "6rem" }} />
              <Field label={`Transcript ${i + 1} file`} value={t.file} onChange={(e) => setTranscripts(transcripts.map((x, j) => (j === i ? { ...x, file: e.target.value } : x)))} style={{ minWidth: "16rem" }} />
              <Button size="small" variant="secondary" onClick={() => setPicking({ kind: "transcript", index: i })}>
                Upload or choose<span className="visually-hidden"> transcript {i + 1}</span>
              </Button>
              <Button size="small" variant="ghost" onClick={() => setTranscripts(transcripts.filter((_, j) => j !== i))}>
                Remove<span className="visually-hidden"> transcript {i + 1}</span>
              </Button>
            </div>
          ))}
        </div>
        {picking?.kind === "transcript" ? (
          <AssetPicker
            courseKey={courseKey}
            label={`Transcript file for ${transcripts[picking.index]?.lang || "this language"} (.srt or .vtt)`}
            match="transcript"
            acceptAttr=".srt,.vtt"
            accept={(f) => /\.(srt|vtt|sjson)$/i.test(f.path)}
            onPick={(f) => {
              // Open edX names transcripts by their file under static/.
              setTranscripts(transcripts.map((x, j) => (j === picking.index ? { ...x, file: f.path.replace(/^\/?static\//, "") } : x)));
              setPicking(null);
            }}
            onClose={() => setPicking(null)}
          />
        ) : null}
        {errors.transcripts ? (
          <p id={`${id}-terr`} style={{ color: "var(--color-danger)" }}>
            {errors.transcripts}
          </p>
        ) : null}
        <div className={styles.actions}>
          <Button size="small" variant="secondary" onClick={() => setTranscripts([...transcripts, { lang: transcripts.length ? "" : "en", file: "" }])}>
            Add a transcript
          </Button>
        </div>
      </fieldset>
      <div style={{ margin: "0.5rem 0" }}>
        <input id={`${id}-dl`} type="checkbox" checked={download} onChange={(e) => setDownload(e.target.checked)} />{" "}
        <label htmlFor={`${id}-dl`}>Learners may download the video</label>
      </div>
      <div className={styles.actions}>
        <Button onClick={save} disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Close
        </Button>
      </div>
    </div>
  );
}
