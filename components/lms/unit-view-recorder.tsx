"use client";
// Records "viewed" AFTER the unit has rendered, so the page GET itself stays a pure read.
import { useEffect } from "react";
import { recordUnitViewAction } from "@/lib/actions/lms/record-unit-view-action";

export function UnitViewRecorder({ courseKey, unitKey }: { courseKey: string; unitKey: string }) {
  useEffect(() => {
    let cancelled = false;
    const t = window.setTimeout(() => {
      if (!cancelled) void recordUnitViewAction({ courseKey, unitKey });
    }, 300);
    return () => {
      cancelled = true;
      window.clearTimeout(t);
    };
  }, [courseKey, unitKey]);
  return null;
}
