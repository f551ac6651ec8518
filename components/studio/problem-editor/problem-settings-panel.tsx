"use client";
// The problem's settings, saved as attributes of its <problem> element (Open edX's field names):
// display name, weight, maximum attempts, show answer, show reset button, randomization.
import { Field, SelectField } from "@/components/ui";
import { RANDOMIZATION_OPTIONS, SHOW_ANSWER_OPTIONS, type ProblemSettingsForm } from "@/lib/studio/problem-settings";
import styles from "./problem-editor.module.css";

export interface ProblemSettingsPanelProps {
  value: ProblemSettingsForm;
  errors: Partial<Record<keyof ProblemSettingsForm, string>>;
  onChange: (next: ProblemSettingsForm) => void;
}

export function ProblemSettingsPanel({ value, errors, onChange }: ProblemSettingsPanelProps) {
  const set = <K extends keyof ProblemSettingsForm>(k: K, v: ProblemSettingsForm[K]) => onChange({ ...value, [k]: v });
  return (
    <fieldset className={styles.settings}>
      <legend className={styles.legend}>Settings</legend>
      <div className={styles.settingsGrid}>
        <Field label="Display name" value={value.displayName} error={errors.displayName} maxLength={255} onChange={(e) => set("displayName", e.target.value)} />
        <Field
          label="Weight"
          hint="Points the problem is worth. Empty: one point per question."
          inputMode="decimal"
          value={value.weight}
          error={errors.weight}
          onChange={(e) => set("weight", e.target.value)}
        />
        <Field
          label="Maximum attempts"
          hint="Empty: unlimited."
          inputMode="numeric"
          value={value.maxAttempts}
          error={errors.maxAttempts}
          onChange={(e) => set("maxAttempts", e.target.value)}
        />
        <SelectField label="Show answer" value={value.showanswer} error={errors.showanswer} onChange={(e) => set("showanswer", e.target.value)}>
          <option value="">Course default</option>
          {SHOW_ANSWER_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
        {value.showanswer === "after_attempts" ? (
          <Field
            label="Attempts before the answer can be shown"
            inputMode="numeric"
            value={value.attemptsBeforeShowanswer}
            error={errors.attemptsBeforeShowanswer}
            onChange={(e) => set("attemptsBeforeShowanswer", e.target.value)}
          />
        ) : null}
        <SelectField
          label="Show reset button"
          value={value.showResetButton}
          error={errors.showResetButton}
          onChange={(e) => set("showResetButton", e.target.value as ProblemSettingsForm["showResetButton"])}
        >
          <option value="">Course default</option>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </SelectField>
        <SelectField label="Randomization" value={value.rerandomize} error={errors.rerandomize} onChange={(e) => set("rerandomize", e.target.value)}>
          <option value="">Course default</option>
          {RANDOMIZATION_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
      </div>
    </fieldset>
  );
}
