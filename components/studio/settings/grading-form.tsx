"use client";
// Grading: assignment types (weights must total 100 %), grade cutoffs on a range bar (drag a
// handle, use its arrow keys, or type the number), and the grace period. Saving writes the draft;
// publishing makes it count and re-grades every enrolled learner (progress shown below).
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { Button, FormStatus } from "@/components/ui";
import { updateGradingPolicyAction } from "@/lib/actions/studio/update-grading-policy-action";
import { buildGradingPolicy, moveCutoff, type AssignmentTypeForm, type CutoffForm, type GradingForm as Model } from "@/lib/studio/grading-settings";
import { PublishSettings } from "./publish-settings";
import { RegradeProgress } from "./regrade-progress";
import styles from "./settings.module.css";

const COLORS = ["#bbf7d0", "#bfdbfe", "#fde68a", "#fbcfe8", "#ddd6fe"];
const LETTERS = ["A", "B", "C", "D", "E"];

function num(v: string): number {
  return v.trim() === "" ? NaN : Number(v);
}

function CutoffBar({ cutoffs, onChange }: { cutoffs: CutoffForm[]; onChange: (c: CutoffForm[]) => void }) {
  const bar = useRef<HTMLDivElement>(null);
  const drag = useRef<number | null>(null);
  const percentAt = (clientX: number) => {
    const r = bar.current!.getBoundingClientRect();
    return ((clientX - r.left) / r.width) * 100;
  };
  const onDown = (i: number) => (e: PointerEvent<HTMLDivElement>) => {
    drag.current = i;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
  };
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current === null) return;
    onChange(moveCutoff(cutoffs, drag.current, percentAt(e.clientX)));
  };
  const onUp = () => {
    drag.current = null;
  };
  const onKey = (i: number) => (e: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -10, PageUp: 10 }[e.key];
    if (step === undefined && e.key !== "Home" && e.key !== "End") return;
    e.preventDefault();
    const target = e.key === "Home" ? 1 : e.key === "End" ? 99 : cutoffs[i].percent + step!;
    onChange(moveCutoff(cutoffs, i, target));
  };
  const failName = cutoffs.length === 1 ? "Fail" : "F";
  const lowest = cutoffs.length ? cutoffs[cutoffs.length - 1].percent : 100;
  return (
    <div>
      <div className={styles.bar} ref={bar} data-testid="cutoff-bar">
        {cutoffs.map((c, i) => {
          const top = i === 0 ? 100 : cutoffs[i - 1].percent;
          return (
            <div key={`s${i}`} className={styles.segment} style={{ left: `${c.percent}%`, width: `${Math.max(0, top - c.percent)}%`, background: COLORS[i % COLORS.length] }} aria-hidden="true">
              {c.name}
            </div>
          );
        })}
        <div className={styles.segment} style={{ left: 0, width: `${lowest}%`, background: "#e5e7eb" }} aria-hidden="true">
          {failName}
        </div>
        {cutoffs.map((c, i) => (
          <div
            key={`h${i}`}
            tabIndex={0}
            className={styles.handle}
            style={{ left: `${c.percent}%` }}
            role="slider"
            aria-label={`Lowest percent for grade ${c.name || i + 1}`}
            aria-valuemin={1}
            aria-valuemax={99}
            aria-valuenow={c.percent}
            aria-valuetext={`${c.percent} %`}
            onPointerDown={onDown(i)}
            onPointerMove={onMove}
            onPointerUp={onUp}
            onPointerCancel={onUp}
            onKeyDown={onKey(i)}
          >
            <span className={styles.handleLabel}>{c.percent}</span>
          </div>
        ))}
      </div>
      <div className={styles.scale} aria-hidden="true">
        <span>0</span>
        <span>50</span>
        <span>100</span>
      </div>
    </div>
  );
}

export function GradingForm({ courseKey, initial, latestRegradeJobId }: { courseKey: string; initial: Model; latestRegradeJobId: number | null }) {
  const id = useId();
  const router = useRouter();
  const [graders, setGraders] = useState<AssignmentTypeForm[]>(initial.graders);
  const [cutoffs, setCutoffs] = useState<CutoffForm[]>(initial.cutoffs);
  const [grace, setGrace] = useState({ hours: String(initial.grace.hours), minutes: String(initial.grace.minutes) });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [jobId, setJobId] = useState<number | null>(latestRegradeJobId);

  const total = graders.reduce((s, g) => s + (Number.isFinite(g.weight) ? g.weight : 0), 0);
  const setGrader = (i: number, patch: Partial<AssignmentTypeForm>) => setGraders((gs) => gs.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const setCutoff = (i: number, patch: Partial<CutoffForm>) => setCutoffs((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  async function save() {
    const model: Model = { graders, cutoffs, grace: { hours: num(grace.hours), minutes: num(grace.minutes) } };
    const local = buildGradingPolicy(model);
    if (!local.ok) {
      setErrors(local.errors);
      setStatus({ ok: false, message: "Please correct the highlighted fields; nothing was saved." });
      return;
    }
    setPending(true);
    try {
      const r = await updateGradingPolicyAction({ courseKey, ...model });
      if (r.ok) {
        setErrors({});
        setStatus({ ok: true, message: "Saved to the draft. Publish to re-grade learners with it." });
        router.refresh();
      } else {
        setErrors(r.fieldErrors ?? {});
        setStatus({ ok: false, message: r.message });
      }
    } catch {
      setStatus({ ok: false, message: "Could not reach the server. Please try again." });
    } finally {
      setPending(false);
    }
  }

  const err = (k: string) => errors[k];
  const cell = (k: string) => `${id}-${k}`;
  return (
    <div className={styles.form}>
      <FormStatus state={status} />
      <p>
        <strong>Learners’ grades are recomputed when you publish.</strong> Saving changes only the draft; after Publish, every enrolled learner’s course grade is
        re-calculated with the new policy (progress is shown here).
      </p>

      <fieldset className={styles.fieldset}>
        <legend>Grade range</legend>
        <p className={styles.hint}>Drag a handle, focus it and use the arrow keys, or type the lowest percent of each grade.</p>
        <CutoffBar cutoffs={cutoffs} onChange={setCutoffs} />
        {err("cutoffs") ? <p className={styles.error}>{err("cutoffs")}</p> : null}
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Grade</th>
              <th scope="col">Lowest percent</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cutoffs.map((c, i) => (
              <tr key={i}>
                <td>
                  <input className={styles.input} aria-label={`Name of grade ${i + 1}`} value={c.name} onChange={(e) => setCutoff(i, { name: e.target.value })} aria-invalid={err(`cutoffs.${i}.name`) ? true : undefined} aria-describedby={err(`cutoffs.${i}.name`) ? cell(`c${i}n-e`) : undefined} />
                  {err(`cutoffs.${i}.name`) ? <p className={styles.error} id={cell(`c${i}n-e`)}>{err(`cutoffs.${i}.name`)}</p> : null}
                </td>
                <td>
                  <input
                    className={styles.input}
                    type="number"
                    min={1}
                    max={99}
                    aria-label={`Lowest percent for grade ${c.name || i + 1} (number)`}
                    value={Number.isFinite(c.percent) ? c.percent : ""}
                    onChange={(e) => setCutoff(i, { percent: num(e.target.value) })}
                    aria-invalid={err(`cutoffs.${i}.percent`) ? true : undefined}
                    aria-describedby={err(`cutoffs.${i}.percent`) ? cell(`c${i}p-e`) : undefined}
                  />
                  {err(`cutoffs.${i}.percent`) ? <p className={styles.error} id={cell(`c${i}p-e`)}>{err(`cutoffs.${i}.percent`)}</p> : null}
                </td>
                <td>
                  <Button variant="ghost" size="small" disabled={cutoffs.length <= 1} onClick={() => setCutoffs((cs) => cs.filter((_, j) => j !== i))}>
                    Remove grade {c.name || i + 1}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <Button
            variant="secondary"
            size="small"
            disabled={cutoffs.length >= 5 || (cutoffs.length > 0 && cutoffs[cutoffs.length - 1].percent <= 2)}
            onClick={() =>
              setCutoffs((cs) => {
                const low = cs.length ? cs[cs.length - 1].percent : 100;
                const used = new Set(cs.map((c) => c.name));
                const name = LETTERS.find((l) => !used.has(l)) ?? `G${cs.length + 1}`;
                return [...cs, { name, percent: Math.max(1, Math.floor(low / 2)) }];
              })
            }
          >
            Add a grade
          </Button>
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend>Grace period on due dates</legend>
        <p className={styles.hint} id={cell("grace-hint")}>
          How long after a due date submissions are still accepted (hours : minutes).
        </p>
        <div className={styles.actions}>
          <label>
            Hours{" "}
            <input className={styles.input} style={{ width: "6rem" }} type="number" min={0} value={grace.hours} onChange={(e) => setGrace((g) => ({ ...g, hours: e.target.value }))} aria-describedby={cell("grace-hint")} />
          </label>
          <label>
            Minutes{" "}
            <input className={styles.input} style={{ width: "6rem" }} type="number" min={0} max={59} value={grace.minutes} onChange={(e) => setGrace((g) => ({ ...g, minutes: e.target.value }))} aria-describedby={cell("grace-hint")} />
          </label>
        </div>
        {err("grace") ? <p className={styles.error}>{err("grace")}</p> : null}
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend>Assignment types</legend>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Abbreviation</th>
              <th scope="col">Weight (%)</th>
              <th scope="col">Total number</th>
              <th scope="col">Number of droppable</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {graders.map((g, i) => {
              const input = (k: keyof AssignmentTypeForm, label: string, type: "text" | "number") => {
                const e = err(`graders.${i}.${k}`);
                const v = g[k];
                return (
                  <td>
                    <input
                      className={styles.input}
                      type={type}
                      aria-label={`${label} of assignment type ${i + 1}`}
                      value={typeof v === "number" ? (Number.isFinite(v) ? v : "") : v}
                      onChange={(ev) => setGrader(i, { [k]: type === "number" ? num(ev.target.value) : ev.target.value })}
                      aria-invalid={e ? true : undefined}
                      aria-describedby={e ? cell(`g${i}${k}-e`) : undefined}
                    />
                    {e ? (
                      <p className={styles.error} id={cell(`g${i}${k}-e`)}>
                        {e}
                      </p>
                    ) : null}
                  </td>
                );
              };
              return (
                <tr key={i}>
                  {input("type", "Name", "text")}
                  {input("shortLabel", "Abbreviation", "text")}
                  {input("weight", "Weight", "number")}
                  {input("minCount", "Total number", "number")}
                  {input("dropCount", "Droppable", "number")}
                  <td>
                    <Button variant="ghost" size="small" onClick={() => setGraders((gs) => gs.filter((_, j) => j !== i))}>
                      Remove {g.type || `type ${i + 1}`}
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p aria-live="polite" id={cell("total")}>
          Weights total: <strong>{Math.round(total * 100) / 100} %</strong> {Math.abs(total - 100) > 0.001 ? "(must be 100 %)" : ""}
        </p>
        {err("weights") ? <p className={styles.error}>{err("weights")}</p> : null}
        <div>
          <Button variant="secondary" size="small" onClick={() => setGraders((gs) => [...gs, { type: "", shortLabel: "", weight: 0, minCount: 1, dropCount: 0 }])}>
            Add an assignment type
          </Button>
        </div>
      </fieldset>
      {err("_form") ? <p className={styles.error}>{err("_form")}</p> : null}

      <div className={styles.actions}>
        <Button onClick={() => void save()} disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </Button>
        <PublishSettings courseKey={courseKey} onPublished={(r) => r.regradeJobId !== null && setJobId(r.regradeJobId)} />
      </div>
      {jobId !== null ? <RegradeProgress key={jobId} jobId={jobId} /> : null}
    </div>
  );
}
