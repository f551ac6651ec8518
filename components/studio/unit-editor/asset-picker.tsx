"use client";
// Picks a file from the course draft's files (GET /api/studio/courses/<key>/assets) or uploads a
// new one through the same route's POST, which authorizes and size-limits on the server.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui";
import styles from "./unit-editor.module.css";

export interface CourseFile {
  path: string;
  url: string;
  contentType: string;
  size: number;
}

const assetsUrl = (courseKey: string) => `/api/studio/courses/${encodeURIComponent(courseKey)}/assets`;

async function readError(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    return body.error?.message ?? `Upload failed (${res.status}).`;
  } catch {
    return `Upload failed (${res.status}).`;
  }
}

export async function uploadCourseFiles(courseKey: string, files: File[]): Promise<CourseFile[]> {
  const form = new FormData();
  for (const f of files) form.append("file", f, f.name);
  const res = await fetch(assetsUrl(courseKey), { method: "POST", body: form });
  if (!res.ok) throw new Error(await readError(res));
  return ((await res.json()) as { files: CourseFile[] }).files;
}

export function useCourseFiles(courseKey: string) {
  return useQuery({
    queryKey: ["studio-assets", courseKey],
    queryFn: async () => {
      const res = await fetch(assetsUrl(courseKey));
      if (!res.ok) throw new Error(`Could not list the course's files (${res.status}).`);
      return ((await res.json()) as { files: CourseFile[] }).files;
    },
  });
}

/**
 * A list of the course's files matching `accept` (e.g. /^image\//) with a Choose button each,
 * and an upload field. `onPick` gets the file's path and its `/static/…` URL.
 */
export function AssetPicker({ courseKey, label, accept, acceptAttr, match, onPick, onClose }: { courseKey: string; label: string; accept?: (f: CourseFile) => boolean; acceptAttr?: string; match?: string; onPick: (f: CourseFile) => void; onClose: () => void }) {
  const id = useId();
  const qc = useQueryClient();
  const files = useCourseFiles(courseKey);
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = (files.data ?? []).filter((f) => (accept ? accept(f) : true));

  const upload = async () => {
    const list = Array.from(input.current?.files ?? []);
    if (!list.length) return setError("Choose a file to upload first.");
    setUploading(true);
    setError(null);
    try {
      const out = await uploadCourseFiles(courseKey, list);
      await qc.invalidateQueries({ queryKey: ["studio-assets", courseKey] });
      if (out[0]) onPick(out[0]);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setUploading(false);
    }
  };

  return (
    <div className={styles.picker} role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} style={{ margin: 0, fontWeight: 600 }}>
        {label}
      </p>
      {files.isPending ? <p className={styles.muted}>Loading the course&apos;s files…</p> : null}
      {files.isError ? <p style={{ color: "var(--color-danger)" }}>{files.error.message}</p> : null}
      {files.data ? (
        shown.length ? (
          <ul aria-label="Course files">
            {shown.map((f) => (
              <li key={f.path} className={styles.inline}>
                <Button size="small" variant="secondary" onClick={() => onPick(f)} aria-label={`Choose ${f.path}`}>
                  Choose
                </Button>
                <span>{f.path}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className={styles.muted}>No {match ?? "matching"} files in this course yet.</p>
        )
      ) : null}
      <div className={styles.inline}>
        <div>
          <label htmlFor={`${id}-upload`} style={{ display: "block", fontWeight: 600 }}>
            Upload a file
          </label>
          <input id={`${id}-upload`} ref={input} type="file" accept={acceptAttr} />
        </div>
        <Button size="small" onClick={() => void upload()} disabled={uploading}>
          {uploading ? "Uploading…" : "Upload"}
        </Button>
        <Button size="small" variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
      {error ? (
        <p role="alert" style={{ color: "var(--color-danger)" }}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
