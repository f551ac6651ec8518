// Completion and progress as learners see them: a unit is complete when all its components are
// (an empty unit when it has been viewed); progress % counts completed components over all
// visible ones. Also the next due date. Pure (the state route computes the course home's marks with it).
import { componentsOf, parseOlxDate, type LearnerView, type OutlineNode, type Viewer } from "./outline";

export function isUnitComplete(unit: OutlineNode, viewer: Viewer, done: ReadonlySet<string>): boolean {
  return keysComplete(completionKeysOf(unit, viewer), done);
}

/** The keys that must all be completed for a unit to be: its visible components, or the unit itself when it has none. */
export function completionKeysOf(unit: OutlineNode, viewer: Viewer): string[] {
  const comps = componentsOf(unit, viewer);
  return comps.length ? comps.map((c) => c.usageKey) : [unit.usageKey];
}

export interface Progress {
  completed: number;
  total: number;
  percent: number;
}

export function courseProgress(view: LearnerView, viewer: Viewer, done: ReadonlySet<string>): Progress {
  return progressOfKeys(view.units.map(({ unit }) => completionKeysOf(unit, viewer)), done);
}

/** Progress from each unit's completion keys (completionKeysOf): the same count the server makes from
 *  the outline, made by the course home's client islands from keys alone. */
export function progressOfKeys(unitKeys: readonly (readonly string[])[], done: ReadonlySet<string>): Progress {
  let completed = 0;
  let total = 0;
  for (const keys of unitKeys) {
    total += keys.length;
    for (const k of keys) if (done.has(k)) completed++;
  }
  return { completed, total, percent: total ? Math.round((completed / total) * 100) : 0 };
}

/** A unit is complete when all its completion keys are. */
export function keysComplete(keys: readonly string[], done: ReadonlySet<string>): boolean {
  return keys.every((k) => done.has(k));
}

/** The earliest future due date among visible subsections that are not complete. */
export function nextDue(view: LearnerView, viewer: Viewer, done: ReadonlySet<string>, now: Date): { date: Date; title: string } | null {
  let best: { date: Date; title: string } | null = null;
  for (const s of view.sections) {
    for (const sub of s.subsections) {
      const due = parseOlxDate(sub.node.due);
      if (!due || due <= now) continue;
      if (sub.units.length && sub.units.every((u) => isUnitComplete(u, viewer, done))) continue;
      if (!best || due < best.date) best = { date: due, title: sub.node.displayName };
    }
  }
  return best;
}
