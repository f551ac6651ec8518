"use client";
// Files page: drop several files (or pick them) and watch one progress bar per file. Each file is
// its own XMLHttpRequest to the upload route (so the browser reports its upload progress), three
// at a time. A file with the name of an existing one replaces it, after the author confirms.
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type DragEvent } from "react";
import { checkAssetNamesAction } from "@/lib/actions/studio/check-asset-names-action";
import { Button, Notice } from "@/components/ui";
import styles from "./files.module.css";

type Upload = { id: string; name: string; size: number; loaded: number; state: "waiting" | "uploading" | "done" | "failed"; error?: string };

const PARALLEL = 3;

function uploadOne(url: string, file: File, onProgress: (loaded: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => onProgress(e.lengthComputable ? Math.min(e.loaded, file.size) : 0);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let message = `Upload failed (${xhr.status}).`;
      try {
        message = (JSON.parse(xhr.responseText) as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        // not JSON: keep the status message
      }
      reject(new Error(message));
    };
    xhr.onerror = () => reject(new Error("Could not reach the server."));
    const fd = new FormData();
    fd.append("file", file, file.name);
    xhr.send(fd);
  });
}

export function FileUploader({ courseKey, maxBytes }: { courseKey: string; maxBytes: number }) {
  const router = useRouter();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [pendingReplace, setPendingReplace] = useState<{ files: File[]; existing: string[] } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);
  const url = `/api/studio/courses/${encodeURIComponent(courseKey)}/assets`;

  function patch(id: string, p: Partial<Upload>) {
    setUploads((list) => list.map((u) => (u.id === id ? { ...u, ...p } : u)));
  }

  async function start(files: File[]) {
    const batch = files.map((f, i) => ({ file: f, up: { id: `${Date.now()}-${i}-${f.name}`, name: f.name, size: f.size, loaded: 0, state: "waiting" as const } }));
    setUploads((list) => [...batch.map((b) => b.up), ...list.filter((u) => u.state === "uploading" || u.state === "waiting")]);
    let next = 0;
    async function worker() {
      while (next < batch.length) {
        const { file, up } = batch[next++];
        if (file.size > maxBytes) {
          patch(up.id, { state: "failed", error: `Larger than the ${Math.round(maxBytes / 1024 ** 2)} MB limit.` });
          continue;
        }
        patch(up.id, { state: "uploading" });
        try {
          await uploadOne(url, file, (loaded) => patch(up.id, { loaded }));
          patch(up.id, { state: "done", loaded: file.size });
        } catch (err) {
          patch(up.id, { state: "failed", error: err instanceof Error ? err.message : String(err) });
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(PARALLEL, batch.length) }, worker));
    router.refresh();
  }

  async function choose(list: FileList | null) {
    const files = list ? Array.from(list) : [];
    if (inputRef.current) inputRef.current.value = "";
    if (!files.length) return;
    setCheckError(null);
    const r = await checkAssetNamesAction({ courseKey, names: files.map((f) => f.name) }).catch(() => null);
    if (!r || !r.ok) {
      setCheckError(r?.message ?? "Could not reach the server. Please try again.");
      return;
    }
    if (r.data.existing.length) setPendingReplace({ files, existing: r.data.existing });
    else void start(files);
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    void choose(e.dataTransfer.files);
  }

  return (
    <section aria-labelledby="upload-heading" className={styles.uploader}>
      <h2 id="upload-heading">Upload files</h2>
      <div
        className={[styles.dropZone, dragging ? styles.dragging : ""].join(" ")}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drag and drop files here, or</p>
        <label htmlFor={inputId} className={styles.pickLabel}>
          Choose files
        </label>
        <input id={inputId} ref={inputRef} type="file" multiple className={styles.fileInput} onChange={(e) => void choose(e.currentTarget.files)} />
        <p className={styles.hint}>Up to {Math.round(maxBytes / 1024 ** 2)} MB per file. A file with the same name as an existing one replaces it.</p>
      </div>
      {checkError ? (
        <Notice tone="error" live>
          <p>{checkError}</p>
        </Notice>
      ) : null}
      {pendingReplace ? (
        <Notice tone="warning" title="Replace existing files?" live>
          <p>These files already exist and will be replaced (components that link to them will show the new file once you publish):</p>
          <ul>
            {pendingReplace.existing.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <div className={styles.actions}>
            <Button
              onClick={() => {
                const files = pendingReplace.files;
                setPendingReplace(null);
                void start(files);
              }}
            >
              Replace and upload
            </Button>
            <Button variant="secondary" onClick={() => setPendingReplace(null)}>
              Cancel
            </Button>
          </div>
        </Notice>
      ) : null}
      {uploads.length ? (
        <ul className={styles.progressList} aria-label="Uploads" data-testid="uploads">
          {uploads.map((u) => {
            const pct = u.size ? Math.round((u.loaded / u.size) * 100) : u.state === "done" ? 100 : 0;
            return (
              <li key={u.id} data-state={u.state} data-testid="upload">
                <div className={styles.progressLabel}>
                  <span>{u.name}</span>
                  <span>{u.state === "done" ? "Uploaded" : u.state === "failed" ? "Failed" : u.state === "waiting" ? "Waiting" : `${pct}%`}</span>
                </div>
                <progress className={styles.progress} max={100} value={u.state === "done" ? 100 : pct} aria-label={`Upload of ${u.name}`} />
                {u.error ? <p className={styles.error}>{u.error}</p> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
