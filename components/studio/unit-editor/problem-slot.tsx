"use client";
// Problems are edited in s-markdown's problem editor (markdown and OLX tabs, settings, live
// graded preview); the unit editor saves what it hands over and handles conflicts.
import { ProblemEditor } from "@/components/studio/problem-editor";
import type { EditorProps } from "./component-editor";

export function ProblemComponentEditor(props: EditorProps) {
  return <ProblemEditor {...props} />;
}
