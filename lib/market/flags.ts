// Placeholder until the market-order flags land (issue 12, helper): returns rows inserted.
import type { Prisma } from "@/lib/generated/prisma/client";

export async function scanMarketFlags(tx: Prisma.TransactionClient, day: string): Promise<number> {
  void tx;
  void day;
  return 0;
}
