// The catalogue of each locale: the main file plus one file per feature namespace under
// <locale>/ (so features are edited apart). `poolExtra` adds keys to the `pool` namespace,
// `accountErrors` to `errors`. `form` (counters, amount echoes) goes wherever `errors` goes.
import en from "./en.json";
import enAccount from "./en/account.json";
import enAccountErrors from "./en/accountErrors.json";
import enAdmin from "./en/admin.json";
import enAllocation from "./en/allocation.json";
import enAssessment from "./en/assessment.json";
import enAssign from "./en/assign.json";
import enAudit from "./en/audit.json";
import enForm from "./en/form.json";
import enListImport from "./en/listImport.json";
import enMarket from "./en/market.json";
import enNotices from "./en/notices.json";
import enJobs from "./en/jobs.json";
import enNotifications from "./en/notifications.json";
import enPoolExtra from "./en/poolExtra.json";
import enPoolList from "./en/poolList.json";
import zh from "./zh-CN.json";
import zhAccount from "./zh-CN/account.json";
import zhAccountErrors from "./zh-CN/accountErrors.json";
import zhAdmin from "./zh-CN/admin.json";
import zhAllocation from "./zh-CN/allocation.json";
import zhAssessment from "./zh-CN/assessment.json";
import zhAssign from "./zh-CN/assign.json";
import zhAudit from "./zh-CN/audit.json";
import zhForm from "./zh-CN/form.json";
import zhListImport from "./zh-CN/listImport.json";
import zhMarket from "./zh-CN/market.json";
import zhNotices from "./zh-CN/notices.json";
import zhJobs from "./zh-CN/jobs.json";
import zhNotifications from "./zh-CN/notifications.json";
import zhPoolExtra from "./zh-CN/poolExtra.json";
import zhPoolList from "./zh-CN/poolList.json";
import type { Locale } from "@/lib/i18n/locale";

export const MESSAGES = {
  "zh-CN": { ...zh, pool: { ...zh.pool, ...zhPoolExtra }, poolList: zhPoolList, listImport: zhListImport, notifications: zhNotifications, jobs: zhJobs, assign: zhAssign, allocation: zhAllocation, audit: zhAudit, account: zhAccount, admin: zhAdmin, assessment: zhAssessment, market: zhMarket, notices: zhNotices, form: zhForm, errors: { ...zh.errors, ...zhAccountErrors } },
  en: { ...en, pool: { ...en.pool, ...enPoolExtra }, poolList: enPoolList, listImport: enListImport, notifications: enNotifications, jobs: enJobs, assign: enAssign, allocation: enAllocation, audit: enAudit, account: enAccount, admin: enAdmin, assessment: enAssessment, market: enMarket, notices: enNotices, form: enForm, errors: { ...en.errors, ...enAccountErrors } },
} as const satisfies Record<Locale, unknown>;
