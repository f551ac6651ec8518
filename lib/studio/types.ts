// Studio's shared types (the contract in STUDIO-CONTRACT.md): pure, importable by client components.
export type PublishState = "draft" | "published" | "changed"; // never published | same as published | published with unpublished changes
export type OutlineKind = "chapter" | "sequential" | "vertical";

export interface OutlineNode {
  usageKey: string;
  urlName: string;
  blockType: OutlineKind;
  displayName: string;
  state: PublishState;
  revision: string;             // conflict token: changes whenever this block's own content changes
  start: string | null;         // ISO, own or inherited release date
  releasedInFuture: boolean;
  due: string | null;           // subsections
  format: string | null;        // "graded as": an assignment type of the grading policy, subsections
  graded: boolean;
  visibleToStaffOnly: boolean;
  componentCount: number;       // units
  children: OutlineNode[];
}

export interface StudioOutline {
  courseId: number;
  courseKey: string;
  displayName: string;
  rootUsageKey: string;
  state: PublishState;
  assignmentTypes: string[];    // from the draft's grading policy
  sections: OutlineNode[];
}

export interface UnitComponentSummary {
  usageKey: string;
  blockType: string;            // html | problem | video | discussion | anything else
  displayName: string;
  revision: string;
  unsupportedReason: string | null;
}

export interface UnitEditorData {
  courseId: number;
  courseKey: string;
  unit: { usageKey: string; urlName: string; displayName: string; state: PublishState; revision: string };
  subsection: { usageKey: string; displayName: string };
  section: { usageKey: string; displayName: string };
  components: UnitComponentSummary[];
  liveUrl: string | null;       // /courses/<key>/jump/<urlName> when the unit is published
  previewUrl: string;
}

export interface ComponentEditorData {
  usageKey: string;
  blockType: string;
  displayName: string;
  revision: string;
  /** the whole element as Open edX would write it inline, e.g. `<problem display_name="…" max_attempts="2">…</problem>` */
  olx: string;
  /** html blocks: the body (what the rich-text editor edits) */
  html?: string;
  /** problem blocks: the markdown the simple editor wrote, null when the problem has none */
  markdown?: string | null;
}
