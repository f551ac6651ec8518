// Course updates: info/updates.items.json (a list of {id, date, content, status}) when present,
// otherwise info/updates.html as one block. Pure.

export interface CourseUpdate {
  id: string;
  /** display string as authored, e.g. "November 5, 2023" */
  date: string;
  html: string;
}

export function parseUpdateItems(json: string): CourseUpdate[] | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(data)) return null;
  const out: CourseUpdate[] = [];
  data.forEach((item, i) => {
    if (!item || typeof item !== "object") return;
    const r = item as Record<string, unknown>;
    if (r.status === "deleted") return;
    const html = typeof r.content === "string" ? r.content : "";
    if (!html.trim()) return;
    out.push({ id: String(r.id ?? i), date: typeof r.date === "string" ? r.date : "", html });
  });
  return out;
}
