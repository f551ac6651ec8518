"use client";
// One bar chart per assignment type (recharts): each subsection's percent, dropped scores greyed,
// and the type's average. The numbers are also in the table next to it, so the chart itself is
// presented as an image with a text summary for screen readers.
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartEntry {
  label: string;
  percent: number;
  dropped?: boolean;
  prominent?: boolean;
}

export function GradeChart({ title, entries, summary }: { title: string; entries: ChartEntry[]; summary: string }) {
  const data = entries.map((e) => ({ ...e, value: Math.round(e.percent * 1000) / 10 }));
  return (
    <figure style={{ margin: 0 }} role="img" aria-label={`${title}: ${summary}`}>
      <div style={{ width: "100%", height: 220 }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#1b1f24" }} interval={0} angle={data.length > 8 ? -35 : 0} textAnchor={data.length > 8 ? "end" : "middle"} height={data.length > 8 ? 50 : 30} />
            <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 12, fill: "#1b1f24" }} width={44} />
            <Tooltip formatter={(v) => [`${v}%`, "Score"]} />
            <ReferenceLine y={100} stroke="#d0d7de" />
            <Bar dataKey="value" isAnimationActive={false}>
              {data.map((d, i) => (
                <Cell key={i} fill={d.prominent ? "#146c2e" : d.dropped ? "#8c959f" : "#0b5cad"} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
