"use client";
// Charts where people would rather look than read, drawn with recharts. Data and labels come
// from the server already translated; amounts never pass through here (counts only). Each
// drawing is one image whose label reads its numbers out (the dashboard cards also carry them
// as a table and hide the drawing); recharts' keyboard layer is off, so nothing inside the
// image takes focus.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export function TrendChart(props: { data: { label: string; thisYear: number | null; lastYear: number }[]; thisYearLabel: string; lastYearLabel: string }) {
  return (
    <div className="h-64 w-full" data-testid="trend-chart" role="img"
      aria-label={[props.thisYearLabel, props.lastYearLabel].map((name, i) => `${name}: ${props.data.map((p) => `${p.label} ${(i === 0 ? p.thisYear : p.lastYear) ?? "—"}`).join(", ")}`).join("; ")}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart accessibilityLayer={false} data={props.data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis fontSize={12} allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Line type="monotone" dataKey="thisYear" name={props.thisYearLabel} stroke="#c62828" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="lastYear" name={props.lastYearLabel} stroke="#94a3b8" strokeWidth={2} strokeDasharray="5 4" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function CompareBarChart(props: { data: { label: string; a: number; b: number }[]; aLabel: string; bLabel: string }) {
  return (
    <div className="h-64 w-full" data-testid="compare-chart" role="img"
      aria-label={props.data.map((p) => `${p.label}: ${props.aLabel} ${p.a}, ${props.bLabel} ${p.b}`).join("; ")}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={props.data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" fontSize={12} interval={0} />
          <YAxis fontSize={12} allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar dataKey="a" name={props.aLabel} fill="#c62828" isAnimationActive={false} />
          <Bar dataKey="b" name={props.bLabel} fill="#64748b" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function FunnelChart(props: { data: { label: string; value: number }[] }) {
  return (
    <div className="h-64 w-full" data-testid="funnel-chart" role="img" aria-label={props.data.map((p) => `${p.label} ${p.value}`).join("; ")}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={props.data} layout="vertical" margin={{ top: 8, right: 24, bottom: 0, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis type="number" fontSize={12} allowDecimals={false} />
          <YAxis type="category" dataKey="label" fontSize={12} width={90} />
          <Tooltip />
          <Bar dataKey="value" fill="#c62828" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
