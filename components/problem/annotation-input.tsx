"use client";
// An annotation exercise (Open edX's annotationinput): the passage, the question about it, a
// comment box (never graded) and one tag to pick. Open edX shows the tags as toggles where only one
// can be selected; here they are a radio group (a "Clear tag" button takes the selection back, as
// clicking a selected tag does there). Both parts go into one answer, Open edX's JSON
// {"options": [index], "comment": "..."}, so a restored answer brings back the tag and the comment.
import type { ReactNode } from "react";
import type { CorrectAnswer, RenderInput } from "@/lib/capa/types";
import styles from "./problem.module.css";

type AnnotationModel = Extract<RenderInput, { kind: "annotation" }>;
type AnnotationAnswer = Extract<CorrectAnswer, { kind: "annotation" }>;

/** Longest comment the box accepts (the server caps the whole answer). */
export const ANNOTATION_COMMENT_MAX = 5000;

/** The stored answer → the selected tag (one index, or null) and the comment; tolerant of anything. */
export function readAnnotationValue(value: string | string[] | undefined): { option: number | null; comment: string } {
  if (typeof value !== "string" || value.trim() === "") return { option: null, comment: "" };
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { option: null, comment: "" };
    const { options, comment } = parsed as { options?: unknown; comment?: unknown };
    const option = Array.isArray(options) && options.length === 1 && typeof options[0] === "number" ? options[0] : null;
    return { option, comment: typeof comment === "string" ? comment : "" };
  } catch {
    return { option: null, comment: "" };
  }
}

export function annotationValue(option: number | null, comment: string): string {
  return JSON.stringify({ options: option === null ? [] : [option], comment });
}

export interface AnnotationInputProps {
  input: AnnotationModel;
  domId: string;
  value: string | string[] | undefined;
  disabled: boolean;
  onChange(value: string): void;
  /** Show Answer data, when revealed. */
  reveal?: AnnotationAnswer;
  /** The response's own label (legend), when the author gave one. */
  label?: string;
  describedBy?: string;
  children?: ReactNode;
}

export function AnnotationInput({ input, domId, value, disabled, onChange, reveal, label, describedBy, children }: AnnotationInputProps) {
  const { option, comment } = readAnnotationValue(value);
  const commentId = `${domId}-comment`;
  const questionId = `${domId}-question`;
  const legend = label || input.title || "Annotation exercise";
  return (
    <fieldset className={`${styles.fieldset} ${styles.annotation}`} aria-describedby={describedBy} data-testid={`annotation-${input.id}`}>
      <legend className={styles.legend}>
        <span dangerouslySetInnerHTML={{ __html: legend }} />
      </legend>
      {label && input.title ? <p className={styles.annotationTitle} dangerouslySetInnerHTML={{ __html: input.title }} /> : null}
      {input.text ? <blockquote className={styles.annotationText} dangerouslySetInnerHTML={{ __html: input.text }} /> : null}
      {input.comment ? <div id={questionId} className={styles.annotationQuestion} dangerouslySetInnerHTML={{ __html: input.comment }} /> : null}
      <label htmlFor={commentId} className={styles.label}>
        {input.commentPrompt ? <span dangerouslySetInnerHTML={{ __html: input.commentPrompt }} /> : "Your comment"}
      </label>
      <textarea
        id={commentId}
        className={styles.annotationComment}
        rows={4}
        maxLength={ANNOTATION_COMMENT_MAX}
        value={comment}
        disabled={disabled}
        aria-describedby={input.comment ? questionId : undefined}
        onChange={(e) => onChange(annotationValue(option, e.target.value))}
      />
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{input.tagPrompt ? <span dangerouslySetInnerHTML={{ __html: input.tagPrompt }} /> : "Select one tag"}</legend>
        {input.options.length === 0 ? <p className={styles.description}>This exercise has no tags to choose from.</p> : null}
        {input.options.map((o) => {
          const id = `${domId}-tag-${o.value}`;
          const isAnswer = reveal?.option === o.value;
          return (
            <div key={o.value} className={`${styles.choice} ${isAnswer ? styles.annotationAnswer : ""}`}>
              <input type="radio" id={id} name={`${domId}-tags`} value={o.value} checked={option === o.value} disabled={disabled} onChange={() => onChange(annotationValue(o.value, comment))} />
              <label htmlFor={id} dangerouslySetInnerHTML={{ __html: o.html }} />
              {isAnswer ? (
                <span className={styles.answerBadge} data-testid={`answer-tag-${input.id}`}>
                  Correct tag
                </span>
              ) : null}
            </div>
          );
        })}
        {option !== null && !disabled ? (
          <button type="button" className={styles.linkButton} onClick={() => onChange(annotationValue(null, comment))}>
            Clear tag
          </button>
        ) : null}
      </fieldset>
      {children}
    </fieldset>
  );
}
