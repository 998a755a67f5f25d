"use client";
// Charts render in the browser only: recharts measures its container there anyway, and
// skipping it on the server keeps the page's server render (and its HTML) small.
import dynamic from "next/dynamic";

const placeholder = () => <div className="h-64 w-full animate-pulse rounded bg-slate-50" />;

export const TrendChart = dynamic(() => import("@/components/dashboard/charts").then((m) => m.TrendChart), { ssr: false, loading: placeholder });
export const CompareBarChart = dynamic(() => import("@/components/dashboard/charts").then((m) => m.CompareBarChart), { ssr: false, loading: placeholder });
export const FunnelChart = dynamic(() => import("@/components/dashboard/charts").then((m) => m.FunnelChart), { ssr: false, loading: placeholder });
