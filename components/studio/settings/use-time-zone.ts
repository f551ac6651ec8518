"use client";
// The author's time zone (the browser's), or null while rendering on the server: date fields are
// entered and shown in it and sent as UTC ISO strings.
import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

export function useTimeZone(): string | null {
  return useSyncExternalStore(
    subscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    () => null,
  );
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A UTC ISO string as a datetime-local value in the browser's zone ("" for none). */
export function isoToLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (the browser's zone) as a UTC ISO string; null for empty, "invalid" when unreadable. */
export function localInputToIso(v: string): string | null {
  if (!v.trim()) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? "invalid" : d.toISOString();
}
