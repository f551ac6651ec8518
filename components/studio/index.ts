// Studio widgets for importing, exporting and browsing course versions.
export { ImportPanel } from "./import-panel";
export { StudioQueryProvider } from "./query-provider";
export { VersionTable } from "./version-table";
