// /studio/courses/<course key>/files: the course's files in the working copy — upload (drag and
// drop, one progress bar per file), search, sort and page (in SQL), copy a file's /static/ URL,
// lock/unlock, replace and delete. Authorized on the server; every action authorizes again.
import type { Metadata } from "next";
import { courseForPage } from "@/components/studio/course-page";
import Link from "next/link";
import { FileTable } from "@/components/studio/files/file-table";
import { FileUploader } from "@/components/studio/files/file-uploader";
import { PublishFilesButton } from "@/components/studio/files/publish-files-button";
import { Button, Notice, PageHeader } from "@/components/ui";
import { env } from "@/lib/env";
import { fileQueryOf, listFilePage, type FilePage } from "@/lib/studio/files";
import { filesPath } from "@/lib/studio/paths";
import styles from "@/components/studio/files/files.module.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ courseKey: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Files · Studio" };

function pageHref(courseKey: string, p: FilePage, page: number): string {
  const sp = new URLSearchParams();
  if (p.q) sp.set("q", p.q);
  sp.set("sort", p.sort);
  sp.set("dir", p.dir);
  sp.set("page", String(page));
  return `${filesPath(courseKey)}?${sp.toString()}`;
}

export default async function FilesPage({ params, searchParams }: Props) {
  const raw = (await params).courseKey;
  const access = await courseForPage(raw, "studio:edit-course", `/studio/courses/${raw}/files`, ", so you cannot manage its files");
  if (!access.ok) return access.page;
  const { course } = access;
  const page = await listFilePage({ courseId: course.id, query: fileQueryOf(await searchParams) });
  const first = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const last = Math.min(page.total, page.page * page.pageSize);
  return (
    <>
      <PageHeader title="Files" description={course.displayName} actions={<PublishFilesButton courseKey={course.courseKey} />} />
      <Notice tone="info" title="Changes go live when you publish">
        <p>
          Uploads, replacements, locks and deletions change the course’s working copy, like every other Studio edit. Learners keep getting the published files (locked
          or not) until you publish the course. Link to a file from a component with its <code>/static/</code> URL. A locked file is served only to learners enrolled
          in the course and to its team.
        </p>
      </Notice>
      <FileUploader courseKey={course.courseKey} maxBytes={env().STUDIO_ASSET_MAX_BYTES} />
      <section aria-labelledby="files-heading">
        <h2 id="files-heading">Course files ({page.total})</h2>
        <form method="get" action={filesPath(course.courseKey)} className={styles.filters} role="search" aria-label="Search files">
          <div>
            <label htmlFor="files-q">Search by name</label>
            <br />
            <input id="files-q" name="q" type="search" defaultValue={page.q} />
          </div>
          <div>
            <label htmlFor="files-sort">Sort by</label>
            <br />
            <select id="files-sort" name="sort" defaultValue={page.sort}>
              <option value="name">Name</option>
              <option value="type">Type</option>
              <option value="size">Size</option>
              <option value="added">Date added</option>
            </select>
          </div>
          <div>
            <label htmlFor="files-dir">Order</label>
            <br />
            <select id="files-dir" name="dir" defaultValue={page.dir}>
              <option value="asc">Ascending</option>
              <option value="desc">Descending</option>
            </select>
          </div>
          <Button type="submit" variant="secondary">
            Apply
          </Button>
        </form>
        {page.total === 0 ? (
          <p>{page.q ? `No file name contains “${page.q}”.` : "This course has no files yet."}</p>
        ) : (
          <>
            <p aria-live="polite">
              Showing {first}–{last} of {page.total}
            </p>
            <FileTable courseKey={course.courseKey} files={page.files} />
            <nav aria-label="Pages of files" className={styles.pager}>
              {page.page > 1 ? <Link href={pageHref(course.courseKey, page, page.page - 1)}>Previous page</Link> : <span>Previous page</span>}
              <span>
                Page {page.page} of {page.pageCount}
              </span>
              {page.page < page.pageCount ? <Link href={pageHref(course.courseKey, page, page.page + 1)}>Next page</Link> : <span>Next page</span>}
            </nav>
          </>
        )}
      </section>
    </>
  );
}
