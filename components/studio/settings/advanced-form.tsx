"use client";
// Advanced settings: one row per policy key with its documentation and a typed editor (select,
// number, checkbox, JSON); keys Atrium does not know are raw JSON. The server checks every value;
// one refused value means nothing is saved, and its message is shown next to the key.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button, FormStatus } from "@/components/ui";
import { updateAdvancedSettingsAction } from "@/lib/actions/studio/update-advanced-settings-action";
import { parseAdvancedValue, type AdvancedKey } from "@/lib/studio/advanced-settings";
import { PublishSettings } from "./publish-settings";
import styles from "./settings.module.css";

type Row = { key: string; text: string; def: AdvancedKey | null };

export function AdvancedForm({ courseKey, rows }: { courseKey: string; rows: Row[] }) {
  const id = useId();
  const router = useRouter();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(rows.map((r) => [r.key, r.text])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  const initial = Object.fromEntries(rows.map((r) => [r.key, r.text]));

  async function save() {
    const edits: Record<string, string> = {};
    const errs: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) {
      if (v === initial[k]) continue;
      edits[k] = v;
      const p = parseAdvancedValue(k, v);
      if (!p.ok) errs[k] = p.message;
    }
    if (Object.keys(errs).length) {
      setErrors(errs);
      setStatus({ ok: false, message: "Some settings were refused; nothing was saved." });
      return;
    }
    if (!Object.keys(edits).length) {
      setStatus({ ok: true, message: "Nothing changed." });
      return;
    }
    setPending(true);
    try {
      const r = await updateAdvancedSettingsAction({ courseKey, edits });
      if (r.ok) {
        setErrors({});
        setStatus({ ok: true, message: `Saved to the draft (${r.data.changed.join(", ") || "no change"}). Publish to apply.` });
        router.refresh();
      } else {
        const fe: Record<string, string> = {};
        for (const [k, m] of Object.entries(r.fieldErrors ?? {})) fe[k.replace(/^edits\./, "")] = m;
        setErrors(fe);
        setStatus({ ok: false, message: r.message });
      }
    } catch {
      setStatus({ ok: false, message: "Could not reach the server. Please try again." });
    } finally {
      setPending(false);
    }
  }

  const known = rows.filter((r) => r.def);
  const other = rows.filter((r) => !r.def);
  const render = (r: Row) => {
    const fid = `${id}-${r.key}`;
    const e = errors[r.key];
    const v = values[r.key] ?? "";
    const set = (t: string) => setValues((s) => ({ ...s, [r.key]: t }));
    const described = [`${fid}-doc`, e ? `${fid}-error` : ""].filter(Boolean).join(" ");
    const common = { id: fid, "aria-describedby": described, "aria-invalid": e ? true : undefined } as const;
    let editor;
    if (r.def?.kind === "boolean") {
      editor = <input type="checkbox" {...common} checked={v === "true"} onChange={(ev) => set(ev.target.checked ? "true" : "false")} />;
    } else if (r.def?.kind === "select") {
      editor = (
        <select className={styles.input} {...common} value={v} onChange={(ev) => set(ev.target.value)}>
          <option value="">(Open edX default)</option>
          {r.def.options!.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
          {v && !r.def.options!.includes(v) ? <option value={v}>{v} (not a valid value)</option> : null}
        </select>
      );
    } else if (r.def?.kind === "integer" || r.def?.kind === "number") {
      editor = <input className={styles.input} style={{ maxWidth: "12rem" }} type="text" inputMode="decimal" {...common} value={v} onChange={(ev) => set(ev.target.value)} />;
    } else if (r.def?.kind === "string") {
      editor = <input className={styles.input} {...common} value={v} onChange={(ev) => set(ev.target.value)} />;
    } else {
      editor = <textarea className={`${styles.input} ${styles.mono}`} rows={Math.min(10, Math.max(2, v.split("\n").length))} {...common} value={v} onChange={(ev) => set(ev.target.value)} spellCheck={false} />;
    }
    return (
      <div key={r.key} className={styles.keyRow} data-setting={r.key}>
        <label htmlFor={fid} className={styles.label}>
          {r.def?.label ?? r.key}
          {r.def && !r.def.actedOn ? <span className={styles.badge}>kept for export</span> : null}
        </label>
        <span className={styles.keyName}>{r.key}</span>
        <p className={styles.hint} id={`${fid}-doc`}>
          {r.def?.doc ?? "A setting from the imported course that Atrium does not know. It is kept and exported as JSON."}
        </p>
        {editor}
        {e ? (
          <p className={styles.error} id={`${fid}-error`}>
            {e}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <div className={styles.form}>
      <FormStatus state={status} />
      <section aria-labelledby={`${id}-known`}>
        <h2 id={`${id}-known`}>Course policy settings</h2>
        {known.map(render)}
      </section>
      {other.length ? (
        <section aria-labelledby={`${id}-other`}>
          <h2 id={`${id}-other`}>Other settings from the imported course</h2>
          {other.map(render)}
        </section>
      ) : null}
      <div className={styles.actions}>
        <Button onClick={() => void save()} disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </Button>
        <PublishSettings courseKey={courseKey} />
      </div>
    </div>
  );
}
