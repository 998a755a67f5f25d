// Who is calling. Built from the database on every request (the JWT carries only the user id),
// so a disabled or demoted user loses access on their next request.
import type { Jurisdiction, Role } from "@/lib/generated/prisma/enums";
import type { Db } from "@/lib/db-client";

export type Actor = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  bankId: string | null;
  branchId: string | null;
  jurisdiction: Jurisdiction | null;
};

export async function loadActor(db: Db, userId: string | null | undefined): Promise<Actor | null> {
  if (!userId || !/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, role: true, isActive: true, bankId: true, branchId: true, jurisdiction: true },
  });
  if (!user || !user.isActive) return null;
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    bankId: user.bankId,
    branchId: user.branchId,
    jurisdiction: user.jurisdiction,
  };
}
