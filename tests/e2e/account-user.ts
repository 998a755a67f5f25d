// Test-only: a user the demo seed does not have — a new head-office user with a temporary
// password who must set their own at first sign-in (as an admin would create them), written
// straight into the e2e database (DATABASE_URL, prepared by scripts/test.ts).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";

export async function createPendingHeadOfficeUser(temporaryPassword: string): Promise<{ email: string }> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const bank = await client.query<{ id: string }>("SELECT id::text FROM banks ORDER BY code LIMIT 1");
    const email = `setup.${randomUUID().slice(0, 8)}@shoudai.test`;
    await client.query(
      `INSERT INTO users (email, name, password_hash, role, bank_id, must_change_password, updated_at)
       VALUES ($1, '新同事', $2, 'BANK_HEAD_OFFICE', $3::uuid, true, now())`,
      [email, await hashPassword(temporaryPassword), bank.rows[0]!.id],
    );
    return { email };
  } finally {
    await client.end();
  }
}
