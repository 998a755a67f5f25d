import { getTranslations } from "next-intl/server";
import type { BatchStatus } from "@/lib/generated/prisma/enums";

const COLORS: Record<BatchStatus, string> = {
  QUEUED: "bg-slate-100 text-slate-700",
  RUNNING: "bg-sky-100 text-sky-800",
  DONE: "bg-emerald-100 text-emerald-800",
  FAILED: "bg-red-100 text-red-800",
  CANCELLED: "bg-amber-100 text-amber-800",
};

export async function BatchStatusBadge({ status }: { status: BatchStatus }) {
  const t = await getTranslations("listImport.status");
  return <span data-testid="batch-status" className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${COLORS[status]}`}>{t(status)}</span>;
}
