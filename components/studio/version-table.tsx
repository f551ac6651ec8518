// A course's versions, newest first (server component).
import { Badge } from "@/components/ui";
import styles from "./studio.module.css";

export type VersionTableRow = {
  id: number;
  parentId: number | null;
  source: string;
  authorUsername: string | null;
  createdAt: Date;
  blockCount: number;
  isPublished: boolean;
  isDraft: boolean;
  exportHref: string;
};

export function VersionTable({ rows }: { rows: VersionTableRow[] }) {
  return (
    <table className={styles.table}>
      <caption className="visually-hidden">Versions of this course, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Source</th>
          <th scope="col">Author</th>
          <th scope="col">Created (UTC)</th>
          <th scope="col">Blocks</th>
          <th scope="col">Parent</th>
          <th scope="col">Download</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((v) => (
          <tr key={v.id}>
            <th scope="row">
              {v.id} {v.isPublished ? <Badge tone="success">published</Badge> : null} {v.isDraft ? <Badge tone="warning">draft</Badge> : null}
            </th>
            <td>{v.source}</td>
            <td>{v.authorUsername ?? "command line"}</td>
            <td>{v.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
            <td>{v.blockCount}</td>
            <td>{v.parentId ?? "—"}</td>
            <td>
              <a href={v.exportHref} download>
                Export v{v.id}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
