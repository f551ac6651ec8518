"use client";
// Files page: one row per file with its /static/ URL (visible, and a Copy button), lock/unlock and
// delete. Delete first lists the components that still link to the file, then asks to confirm.
import { useRouter } from "next/navigation";
import { useState } from "react";
import Link from "next/link";
import { deleteAssetAction } from "@/lib/actions/studio/delete-asset-action";
import { findAssetReferencesAction } from "@/lib/actions/studio/find-asset-references-action";
import { lockAssetAction } from "@/lib/actions/studio/lock-asset-action";
import { Badge, Button, Notice, useActionCall } from "@/components/ui";
import { unitPath } from "@/lib/studio/paths";
import type { FileListItem, FileReference } from "@/lib/studio/files";
import styles from "./files.module.css";

export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

export function FileTable({ courseKey, files }: { courseKey: string; files: FileListItem[] }) {
  return (
    <table className={styles.table} data-testid="files-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Size</th>
          <th scope="col">Added</th>
          <th scope="col">URL</th>
          <th scope="col">Access</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <FileRow key={f.path} courseKey={courseKey} file={f} />
        ))}
      </tbody>
    </table>
  );
}

function FileRow({ courseKey, file }: { courseKey: string; file: FileListItem }) {
  const router = useRouter();
  const call = useActionCall();
  const [copied, setCopied] = useState(false);
  const [refs, setRefs] = useState<FileReference[] | null>(null);
  const urlId = `url-${file.path}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(file.url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      (document.getElementById(urlId) as HTMLInputElement | null)?.select();
    }
  }

  return (
    <tr data-testid="file-row" data-path={file.path}>
      <th scope="row" className={styles.name}>
        {file.path}
      </th>
      <td>{file.contentType}</td>
      <td>{formatSize(file.size)}</td>
      <td>
        <time dateTime={file.addedAt}>{file.addedAt.slice(0, 10)}</time>
      </td>
      <td>
        <div className={styles.url}>
          <label htmlFor={urlId} className="visually-hidden">
            URL of {file.path}
          </label>
          <input id={urlId} readOnly value={file.url} onFocus={(e) => e.currentTarget.select()} />
          <Button size="small" variant="secondary" onClick={() => void copy()} aria-label={`Copy URL of ${file.path}`}>
            {copied ? "Copied" : "Copy"}
          </Button>
        </div>
        <span role="status" className="visually-hidden">
          {copied ? `Copied ${file.url}` : ""}
        </span>
      </td>
      <td>{file.locked ? <Badge tone="warning">Locked</Badge> : <Badge>Public</Badge>}</td>
      <td>
        <div className={styles.actions}>
          <Button
            size="small"
            variant="secondary"
            disabled={call.pending}
            aria-label={`${file.locked ? "Unlock" : "Lock"} ${file.path}`}
            onClick={() => call.run(() => lockAssetAction({ courseKey, path: file.path, locked: !file.locked }), () => router.refresh())}
          >
            {file.locked ? "Unlock" : "Lock"}
          </Button>
          <Button
            size="small"
            variant="danger"
            disabled={call.pending}
            aria-label={`Delete ${file.path}`}
            onClick={() => call.run(() => findAssetReferencesAction({ courseKey, path: file.path }), (d) => setRefs(d.references))}
          >
            Delete
          </Button>
        </div>
        {refs ? (
          <Notice tone="warning" title={`Delete ${file.path}?`} className={styles.confirm} live data-testid="delete-confirm">
            {refs.length ? (
              <>
                <p>These components still link to this file; their links will break once you publish:</p>
                <ul data-testid="references">
                  {refs.map((r) => (
                    <li key={r.usageKey}>
                      {r.displayName} ({r.blockType})
                      {r.unitUsageKey ? (
                        <>
                          {" "}
                          in unit <Link href={unitPath(courseKey, r.unitUsageKey)}>{r.unitDisplayName ?? "Unit"}</Link>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>No component links to this file.</p>
            )}
            <div className={styles.actions}>
              <Button
                variant="danger"
                size="small"
                disabled={call.pending}
                onClick={() =>
                  call.run(
                    () => deleteAssetAction({ courseKey, path: file.path }),
                    () => {
                      setRefs(null);
                      router.refresh();
                    },
                  )
                }
              >
                Delete file
              </Button>
              <Button variant="secondary" size="small" onClick={() => setRefs(null)}>
                Cancel
              </Button>
            </div>
          </Notice>
        ) : null}
        {call.error ? <p className={styles.error}>{call.error}</p> : null}
      </td>
    </tr>
  );
}
