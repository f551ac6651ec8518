// Public types of lib/capa: the grading result and the render model handed to the React
// renderer. Everything here is JSON-serializable (the render model crosses the server/client
// boundary). Changes must be additive: other modules build on these shapes.

export type Correctness = "correct" | "partially-correct" | "incorrect";

export type CapaErrorKind = "student_input_error" | "response_error" | "problem_error";

export interface GradeOptions {
  /** Open edX problem id prefix of every input id (default "1"). */
  problemId?: string;
  /** Per-learner seed: drives shuffle, answer-pool and formula sampling. Default 1. */
  seed?: number;
  /** Additive: the problem's Python already ran (lib/capa/scripted.ts): its `<script>`s and
   *  customresponses are handled; `$name` values are already substituted. */
  scripted?: boolean;
  /** Additive: customresponse check results from the sandbox, by response id `P_k`. */
  customResults?: Record<string, CustomCheckResult>;
}

/** One customresponse's check outcome (capa's correct/messages/overall_message/grade_decimals). */
export interface CustomCheckResult {
  ok: boolean;
  /** Author-facing error when the check function failed. */
  message?: string;
  correct?: string[];
  messages?: string[];
  overall_message?: string;
  grade_decimals?: number[];
}

export type GradeSuccess = {
  ok: true;
  correctness: Record<string, Correctness>;
  /** Raw points before problem weight (Open edX's correct-map sum). */
  earned: number;
  /** Raw max points (sum of every input's `points`). */
  possible: number;
  /** Additive: hint/feedback HTML for the submitted answers, per input id (only inputs that have one). */
  hints?: Record<string, string>;
  /** Additive: check-function messages (author HTML) per input id, and `overall` per response id. */
  messages?: Record<string, string>;
};

export type GradeFailure = { ok: false; error: CapaErrorKind; message: string };

export type GradeResult = GradeSuccess | GradeFailure;

export interface ProblemAnalysis {
  supported: boolean;
  /** Plain-language reason when unsupported. */
  reason?: string;
  /** Response tags in document order, e.g. ["multiplechoiceresponse", "numericalresponse"]. */
  responseTypes: string[];
}

export interface RenderChoice {
  /** Submitted value: `choice_0`, `choice_<name>`, ... */
  value: string;
  /** Sanitizable HTML of the choice label. */
  html: string;
}

interface RenderInputBase {
  /** Open edX input id `P_{k+2}_{j+1}`. */
  id: string;
  /** Response id `P_{k+2}`. */
  responseId: string;
  /** Response tag this input belongs to. */
  responseType: string;
  /** Accessible label HTML (the response's <label>, or the input's label attribute). */
  label?: string;
  /** Accessible description HTML(s) (<description>). */
  descriptions: string[];
  /** Open edX's group name for the response ("Question 1", "Question 2", ...): use it as the
   *  accessible name when the author gave no label (e.g. dropdowns in a table). */
  questionLabel: string;
}

export type RenderInput =
  | (RenderInputBase & { kind: "radio"; choices: RenderChoice[] })
  | (RenderInputBase & { kind: "checkbox"; choices: RenderChoice[] })
  | (RenderInputBase & { kind: "select"; options: { value: string; text: string }[] })
  | (RenderInputBase & {
      kind: "text" | "numeric" | "formula";
      size?: number;
      /** Text shown right after the box (textline `trailing_text`). */
      trailingText?: string;
      /** Inline content before the box (textline `inline`) — kept for completeness. */
      inline?: boolean;
    })
  /** `<jsinput>`: the author's page in a sandboxed iframe, answered through its dotted global
   *  functions. `src` is the author's html_file (the caller maps /static/ to the asset route). */
  | (RenderInputBase & {
      kind: "jsinput";
      src: string;
      gradeFn: string;
      getStateFn?: string;
      setStateFn?: string;
      /** initial_state attribute (a JSON string), passed to setStateFn when nothing was saved. */
      initialState?: string;
      width?: number;
      height?: number;
      title?: string;
    })
  /** `<imageinput>`: click a point on the image; the answer is "[x,y]" in image pixels. `src` is
   *  the author's URL as written (the caller rewrites /static/ and /c4x/ links, as for <img>). */
  | (RenderInputBase & { kind: "image"; src: string; width: number; height: number; alt?: string })
  /** `<annotationinput>`: a passage to annotate, a free comment (never graded) and one tag to
   *  pick. The answer is JSON `{"options": [value], "comment": "..."}`. HTML fields are author
   *  content (sanitize); option `choice`s (the answer) are never in the model. */
  | (RenderInputBase & {
      kind: "annotation";
      /** <title> (Open edX's default "Annotation Exercise"). */
      title: string;
      /** <text>: the passage being annotated ("" when absent). */
      text: string;
      /** <comment>: the question about the passage ("" when absent). */
      comment: string;
      /** <comment_prompt> (default "Type a commentary below:"), labels the comment box. */
      commentPrompt: string;
      /** <tag_prompt> (default "Select one tag:"), the tag group's legend. */
      tagPrompt: string;
      /** The tags, in order; `value` is the option's index, as Open edX submits it. */
      options: { value: number; html: string }[];
    });

export type RenderNode =
  | { type: "html"; html: string }
  | { type: "input"; input: RenderInput }
  /** An element that contains inputs (e.g. a table cell holding a dropdown): render `tag`
   *  with `attrs` (caller whitelists both) around its children. */
  | { type: "element"; tag: string; attrs: Record<string, string>; children: RenderNode[] };

export type CorrectAnswer =
  | { kind: "choices"; values: string[] }
  | { kind: "option"; value: string }
  | { kind: "text"; values: string[] }
  /** imageresponse: where a click counts as correct, in image pixels. `text` describes it. */
  | {
      kind: "image";
      /** [x1, y1, x2, y2] per rectangle, as the author wrote them (edges count). */
      rectangles: [number, number, number, number][];
      /** Polygons as lists of [x, y] points (a click strictly inside the convex hull counts). */
      regions: [number, number][][];
      text: string;
    }
  /** annotationresponse: the first option marked correct (its index and text). */
  | { kind: "annotation"; option: number; text: string };

export interface ProblemRenderModel {
  problemId: string;
  seed: number;
  supported: boolean;
  reason?: string;
  responseTypes: string[];
  /** Problem text and inputs in document order. HTML fragments must be sanitized by the caller. */
  nodes: RenderNode[];
  /** Flat list of inputs in document order. */
  inputs: RenderInput[];
  /** Solution/explanation HTML (shown with Show Answer). */
  solutions: string[];
  /** Demand hints HTML, in order. */
  demandHints: string[];
  /** Show Answer data per input id. */
  correctAnswers: Record<string, CorrectAnswer>;
  /** Raw max score. */
  possible: number;
}
