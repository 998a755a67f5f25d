// Who reads which notice, and who publishes: the one place that decides it for the notice
// pages, queries, commands and the API.
//   province  regulators of Zhejiang, with or without Ningbo: every notice, whole; they
//             generate notices and edit the lagging rules
//   ningbo    Ningbo's bureau: every notice, the Ningbo-only funnel alone
//   bank      a bank's head office: its own page of each notice
//   null      everyone else (managers, branch heads, signed out): nothing
import type { Actor } from "@/lib/auth/actor";

export type NoticeAudience = "province" | "ningbo" | "bank";

export function noticeAudience(actor: Actor | null): NoticeAudience | null {
  if (!actor) return null;
  if (actor.role === "REGULATOR") {
    if (actor.jurisdiction === "NINGBO") return "ningbo";
    return actor.jurisdiction ? "province" : null;
  }
  if (actor.role === "BANK_HEAD_OFFICE" && actor.bankId) return "bank";
  return null;
}

export function canPublishNotices(actor: Actor | null): boolean {
  return noticeAudience(actor) === "province";
}
