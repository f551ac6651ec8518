"use client";
// An image-click problem input (Open edX's imageinput): the learner clicks a point on the image,
// or types X and Y (image pixels) for keyboard and screen-reader use; both set the answer "[x,y]".
// The image scales down on small screens and a click is mapped back to image pixels. A marker
// shows the chosen point (also a restored answer); Show Answer outlines the correct areas.
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";
import type { CorrectAnswer, RenderInput } from "@/lib/capa/types";
import styles from "./problem.module.css";

type ImageModel = Extract<RenderInput, { kind: "image" }>;
type ImageAnswer = Extract<CorrectAnswer, { kind: "image" }>;

/** "[x,y]" (spaces allowed) → the point, as Open edX reads it; anything else → null. */
export function parsePoint(value: string | string[] | undefined): [number, number] | null {
  if (typeof value !== "string") return null;
  const m = /^\[([0-9]+),([0-9]+)\]/.exec(value.trim().replace(/ /g, ""));
  return m ? [Number(m[1]), Number(m[2])] : null;
}

export interface ImageInputProps {
  input: ImageModel;
  domId: string;
  value: string | string[] | undefined;
  disabled: boolean;
  onChange(value: string): void;
  /** Show Answer data, when revealed. */
  reveal?: ImageAnswer;
  legend: ReactNode;
  describedBy?: string;
  children?: ReactNode;
}

export function ImageInput({ input, domId, value, disabled, onChange, reveal, legend, describedBy, children }: ImageInputProps) {
  const { width, height } = input;
  const point = parsePoint(value);
  // What the learner is typing in X/Y (kept as typed until a click replaces it).
  const [draft, setDraft] = useState<{ x: string; y: string } | null>(null);
  // A course file that is missing (or a host that is unreachable) leaves the frame, at its size, to click on.
  const [broken, setBroken] = useState(false);
  const img = useRef<HTMLImageElement>(null);
  // An image that failed before hydration fired its error event before React listened.
  useEffect(() => {
    const el = img.current;
    if (el && el.complete && el.naturalWidth === 0) setBroken(true);
  }, []);
  const xText = draft?.x ?? (point ? String(point[0]) : "");
  const yText = draft?.y ?? (point ? String(point[1]) : "");

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    if (disabled) return;
    const box = e.currentTarget.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return;
    const clamp = (v: number, max: number) => Math.min(max, Math.max(0, Math.round(v)));
    const x = clamp(((e.clientX - box.left) * width) / box.width, width);
    const y = clamp(((e.clientY - box.top) * height) / box.height, height);
    setDraft(null);
    onChange(`[${x},${y}]`);
  };

  const onType = (axis: "x" | "y", text: string) => {
    const next = { x: xText, y: yText, [axis]: text };
    setDraft(next);
    // Both empty: no answer. Otherwise the typed pair; the grader refuses a malformed one (no attempt used).
    onChange(next.x.trim() === "" && next.y.trim() === "" ? "" : `[${next.x.trim()},${next.y.trim()}]`);
  };

  const r = Math.max(4, Math.round(Math.min(width, height) * 0.015));
  return (
    <fieldset className={styles.fieldset} aria-describedby={describedBy}>
      <legend className={styles.legend}>{legend}</legend>
      <div className={styles.imageInput}>
        <div
          className={`${styles.imageFrame} ${disabled ? "" : styles.imageClickable}`}
          style={{ maxWidth: `${width}px`, aspectRatio: `${width} / ${height}` }}
          onClick={onClick}
          data-testid={`image-${input.id}`}
        >
          {/* eslint-disable-next-line @next/next/no-img-element -- a course file at the author's pixel size; clicks map to its pixels */}
          <img ref={img} src={input.src || undefined} alt={input.alt ?? "Image to click on"} width={width} height={height} draggable={false} onError={() => setBroken(true)} style={broken ? { visibility: "hidden" } : undefined} />
          {broken || !input.src ? (
            <p className={styles.imageMissing} role="note">
              The image could not be loaded. You can still answer with X and Y below.
            </p>
          ) : null}
          <svg className={styles.imageOverlay} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
            {reveal?.rectangles.map(([x1, y1, x2, y2], i) => (
              <rect key={`r${i}`} className={styles.imageArea} x={Math.min(x1, x2)} y={Math.min(y1, y2)} width={Math.abs(x2 - x1)} height={Math.abs(y2 - y1)} />
            ))}
            {reveal?.regions.map((pts, i) => <polygon key={`p${i}`} className={styles.imageArea} points={pts.map(([x, y]) => `${x},${y}`).join(" ")} />)}
            {point ? (
              <g className={styles.imageMarker} data-testid={`marker-${input.id}`}>
                <circle cx={point[0]} cy={point[1]} r={r} />
                <line x1={point[0] - 2 * r} y1={point[1]} x2={point[0] + 2 * r} y2={point[1]} />
                <line x1={point[0]} y1={point[1] - 2 * r} x2={point[0]} y2={point[1] + 2 * r} />
              </g>
            ) : null}
          </svg>
        </div>
        <p className={styles.imagePoint} aria-live="polite" data-testid={`point-${input.id}`}>
          {point ? `Selected point: ${point[0]}, ${point[1]}` : "No point selected yet."}
        </p>
        <div className={styles.imageCoords}>
          <label htmlFor={`${domId}-x`}>
            X <span className={styles.trailing}>(0–{width} px from the left)</span>
          </label>
          <input id={`${domId}-x`} type="number" inputMode="numeric" min={0} max={width} step={1} value={xText} disabled={disabled} onChange={(e) => onType("x", e.target.value)} />
          <label htmlFor={`${domId}-y`}>
            Y <span className={styles.trailing}>(0–{height} px from the top)</span>
          </label>
          <input id={`${domId}-y`} type="number" inputMode="numeric" min={0} max={height} step={1} value={yText} disabled={disabled} onChange={(e) => onType("y", e.target.value)} />
        </div>
      </div>
      {children}
    </fieldset>
  );
}
