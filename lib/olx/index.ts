// Public face of lib/olx: read an Open edX OLX export (directory or .tar.gz) into the OlxCourse
// model, check one without keeping it, and write one back as an Open edX export. Pure: imports
// nothing from Next.js, the database or the content store.
export type { OlxAsset, OlxBlock, OlxCourse, OlxDocument } from "./types";
export { OlxError, courseKeyOf, usageKey } from "./types";
export type { ReadOlxOptions } from "./source";
export { DEFAULT_LIMITS } from "./source";
export { readOlx, readOlxLibrary } from "./read";
export type { CheckResult } from "./check";
export { checkOlx } from "./check";
export { writeOlxArchive, writeOlxDirectory, olxFiles } from "./write";
export { countBlocks, walkBlocks } from "./tree";
export { DEFAULT_GRADING_POLICY, INHERITED_SETTINGS, SUPPORTED_BLOCK_TYPES } from "./fields";
export { parseOnly, generateCourse } from "./bench-helpers";
