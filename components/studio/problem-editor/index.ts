// Studio's Problem component editor (markdown + OLX tabs, settings, live graded preview); s-ui's
// unit editor mounts it for problem components.
export { ProblemEditor, type ProblemEditorProps, type ProblemSavePayload } from "./problem-editor";
export { ProblemPreview, type ProblemPreviewProps } from "./problem-preview";
