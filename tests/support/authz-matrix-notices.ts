// Authorization-matrix rows of the monthly notice (see tests/support/authz-matrix.ts). The
// provincial bureau's regulators generate notices and edit the lagging rules; regulators and
// a bank's head office read notices (the head office its own bank's page); nobody else
// reads or writes anything. Ningbo's bureau (its own block only) is checked in
// tests/integration/notices.test.ts.
import { db } from "@/lib/db";
import { generateNotice } from "@/lib/commands/notices/generate-notice";
import { createLaggingRule, setLaggingRuleActive, updateLaggingRule } from "@/lib/commands/notices/lagging-rules";
import { publishNotice } from "@/lib/notices/publish";
import { getNotice, listNotices } from "@/lib/queries/notices";
import { listLaggingRules } from "@/lib/queries/lagging-rules";
import { action, only, type ActionRow, type QueryRow } from "./authz-cells";

/** A month without a notice (notices cannot be deleted; 2001–2014 holds no other test's data). */
async function freeMonth(): Promise<string> {
  for (;;) {
    const month = `${2001 + Math.floor(Math.random() * 14)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, "0")}`;
    if (!(await db.notice.findUnique({ where: { month } }))) return month;
  }
}

let published: Promise<string> | null = null;
/** One published notice for the read rows of this run. */
function publishedMonth(): Promise<string> {
  published ??= freeMonth().then(async (month) => {
    await publishNotice(month, { trigger: "SCHEDULE" }, db);
    return month;
  });
  return published;
}

async function addRule(): Promise<string> {
  const row = await db.laggingRule.create({ data: { metric: "conversion", comparator: "lt", threshold: "0.1000" }, select: { id: true } });
  return row.id;
}

export const NOTICE_ACTIONS: readonly ActionRow[] = [
  action({
    action: "generateNoticeAction",
    file: "lib/actions/notices.ts",
    command: "generateNotice",
    cells: only("regulator"),
    prepare: async () => ({ month: await freeMonth() }),
    call: (actor, { month }) => generateNotice(actor, { month }),
  }),
  action({
    action: "createLaggingRuleAction",
    file: "lib/actions/notices.ts",
    command: "createLaggingRule",
    cells: only("regulator"),
    prepare: async () => ({}),
    call: (actor) => createLaggingRule(actor, { metric: "medianDays", comparator: "gt", threshold: "60" }),
  }),
  action({
    action: "updateLaggingRuleAction",
    file: "lib/actions/notices.ts",
    command: "updateLaggingRule",
    cells: only("regulator"),
    prepare: async () => ({ id: await addRule() }),
    call: (actor, { id }) => updateLaggingRule(actor, { id, metric: "conversion", comparator: "lt", threshold: "0.2000" }),
  }),
  action({
    action: "setLaggingRuleActiveAction",
    file: "lib/actions/notices.ts",
    command: "setLaggingRuleActive",
    cells: only("regulator"),
    prepare: async () => ({ id: await addRule() }),
    call: (actor, { id }) => setLaggingRuleActive(actor, { id, active: "no" }),
  }),
];

export const NOTICE_QUERIES: readonly QueryRow[] = [
  {
    query: "listNotices",
    file: "lib/queries/notices.ts",
    cells: only("headOffice", "regulator"),
    sees: async (_world, actor) => {
      const month = await publishedMonth();
      return (await listNotices(actor))?.some((n) => n.month === month) ?? false;
    },
  },
  {
    query: "getNotice",
    file: "lib/queries/notices.ts",
    // The head office gets its own bank's page; the regulator the whole notice.
    cells: only("headOffice", "regulator"),
    sees: async (world, actor) => {
      const view = await getNotice(actor, await publishedMonth());
      if (!view) return false;
      if (view.audience === "bank") return view.bankId === world.bankA && !("figures" in view);
      return view.audience === "province" && view.figures.funnel.all.month.current !== undefined;
    },
  },
  {
    query: "listLaggingRules",
    file: "lib/queries/lagging-rules.ts",
    cells: only("regulator"),
    sees: async (_world, actor) => ((await listLaggingRules(actor))?.rules.length ?? 0) > 0,
  },
];
