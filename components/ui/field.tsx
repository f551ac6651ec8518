// Form fields with a visible label, an optional hint and an error wired up through
// aria-describedby / aria-invalid, so screen readers announce both.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import styles from "./ui.module.css";

type FieldChrome = { label: ReactNode; hint?: ReactNode; error?: string | null };

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

function Chrome({ id, label, hint, error, children }: FieldChrome & { id: string; children: ReactNode }) {
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className={styles.hint}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} className={styles.error}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export type InputFieldProps = FieldChrome & InputHTMLAttributes<HTMLInputElement>;

/** A labelled text input. */
export function Field({ label, hint, error, id, className, ...rest }: InputFieldProps) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <Chrome id={fieldId} label={label} hint={hint} error={error}>
      <input
        id={fieldId}
        className={[styles.input, className].filter(Boolean).join(" ")}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        {...rest}
      />
    </Chrome>
  );
}

/** A bare input with the kit's look, for when the label is laid out elsewhere. */
export function Input({ className, ...rest }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={[styles.input, className].filter(Boolean).join(" ")} {...rest} />;
}

export function TextareaField({ label, hint, error, id, className, ...rest }: FieldChrome & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <Chrome id={fieldId} label={label} hint={hint} error={error}>
      <textarea
        id={fieldId}
        className={[styles.input, className].filter(Boolean).join(" ")}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        {...rest}
      />
    </Chrome>
  );
}

export function SelectField({ label, hint, error, id, className, children, ...rest }: FieldChrome & SelectHTMLAttributes<HTMLSelectElement>) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <Chrome id={fieldId} label={label} hint={hint} error={error}>
      <select
        id={fieldId}
        className={[styles.input, className].filter(Boolean).join(" ")}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        {...rest}
      >
        {children}
      </select>
    </Chrome>
  );
}
