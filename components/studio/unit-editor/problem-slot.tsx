"use client";
// Problems are edited in s-markdown's problem editor once it is merged; until then the raw OLX
// editor stands in.
import type { EditorProps } from "./component-editor";
import { OlxEditor } from "./olx-editor";

export function ProblemComponentEditor(props: EditorProps) {
  return <OlxEditor {...props} />;
}
