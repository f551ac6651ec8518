// Courses as immutable versions: import an OLX export (directly or as a job), export a version
// back as an Open edX archive. Server-only: uses the database and the content store.
export { importCourse, importOlxCourse, applyDrafts, parseOlxDate, parseParentUrl, ImportError } from "./import";
export type { ImportOptions, ImportProgress, ImportResult, ImportStage } from "./import";
export { exportCourse, loadOlxCourse, ExportError } from "./export";
export { startImportJob, runImportJob, getImportJobView, gitInfoOf } from "./jobs";
export type { GitImportInfo, ImportJobPayload, ImportJobView } from "./jobs";
