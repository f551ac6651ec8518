"use client";
// Records "viewed" AFTER the unit has rendered, so the page GET itself stays a pure read; then
// refetches the learner's state so the sequence bar's marks include this unit. Once per unit:
// `refetch` is stable, so the refetched state's re-render does not record the view again. A learner
// who moves on while the record is on its way still gets the refetch: the state the next page
// shows (possibly from the cache, fresh for 30 s) must include this unit's mark.
import { useEffect } from "react";
import { recordUnitViewAction } from "@/lib/actions/lms/record-unit-view-action";
import { useLearnerStateUpdates } from "./learner-state";

export function UnitViewRecorder({ courseKey, unitKey }: { courseKey: string; unitKey: string }) {
  const { refetch } = useLearnerStateUpdates(courseKey);
  useEffect(() => {
    let cancelled = false;
    const t = window.setTimeout(() => {
      if (!cancelled)
        void recordUnitViewAction({ courseKey, unitKey }).then((r) => {
          if (r.ok) void refetch();
        });
    }, 300);
    return () => {
      cancelled = true;
      window.clearTimeout(t);
    };
  }, [courseKey, unitKey, refetch]);
  return null;
}
