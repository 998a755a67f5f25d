import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { clientReadScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { normalizeUscc } from "@/lib/domain/uscc";
import { STAGES } from "@/lib/domain/stage";
import { toIsoDate } from "@/lib/commands/dates";

export const PAGE_SIZE = 20;

export const poolFilterSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  stage: z.enum(STAGES as [Stage, ...Stage[]]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type PoolFilter = z.output<typeof poolFilterSchema>;

export type PoolRow = {
  enterpriseId: string;
  name: string;
  uscc: string;
  cityCode: string;
  countyCode: string;
  stage: Stage;
  managerName: string | null;
  lastContactOn: string | null;
  nextFollowUpOn: string | null;
};

/** The actor's pool: a manager's own clients, a head's branch, head office's bank. */
export async function listPool(actor: Actor | null, filter: PoolFilter): Promise<{ rows: PoolRow[]; total: number; pageCount: number }> {
  const search = filter.q;
  const usccLike = normalizeUscc(search);
  const where: Prisma.BankClientWhereInput = {
    AND: [
      clientReadScope(actor),
      filter.stage ? { stage: filter.stage } : {},
      search
        ? {
            enterprise: {
              OR: [
                { name: { contains: search, mode: "insensitive" } },
                ...(/^[0-9A-Z]{4,18}$/.test(usccLike) ? [{ uscc: { startsWith: usccLike } }] : []),
              ],
            },
          }
        : {},
    ],
  };
  const [total, clients] = await Promise.all([
    db.bankClient.count({ where }),
    db.bankClient.findMany({
      where,
      orderBy: [{ nextFollowUpOn: { sort: "asc", nulls: "last" } }, { enterprise: { name: "asc" } }],
      skip: (filter.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        stage: true,
        lastContactAt: true,
        nextFollowUpOn: true,
        manager: { select: { name: true } },
        enterprise: { select: { id: true, name: true, uscc: true, cityCode: true, countyCode: true } },
      },
    }),
  ]);
  return {
    total,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    rows: clients.map((c) => ({
      enterpriseId: c.enterprise.id,
      name: c.enterprise.name,
      uscc: c.enterprise.uscc,
      cityCode: c.enterprise.cityCode,
      countyCode: c.enterprise.countyCode,
      stage: c.stage,
      managerName: c.manager?.name ?? null,
      lastContactOn: c.lastContactAt ? toIsoDate(c.lastContactAt) : null,
      nextFollowUpOn: c.nextFollowUpOn ? toIsoDate(c.nextFollowUpOn) : null,
    })),
  };
}
