// Test-only: a cause for an alert that does not hang on where the demo seed happened to put
// its visits — one of manager@shoudai.test's clients gets a follow-up date three days ago,
// written straight into the e2e database (DATABASE_URL, prepared by scripts/test.ts).
import pg from "pg";

export async function overdueFollowUpForDemoManager(): Promise<{ enterpriseName: string }> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `UPDATE bank_clients bc SET next_follow_up_on = (now() AT TIME ZONE 'Asia/Shanghai')::date - 3
        WHERE bc.id = (SELECT c.id FROM bank_clients c JOIN users u ON u.id = c.manager_id
                        WHERE u.email = 'manager@shoudai.test' ORDER BY c.enterprise_name, c.id LIMIT 1)
        RETURNING bc.enterprise_name AS name`,
    );
    return { enterpriseName: rows[0]!.name };
  } finally {
    await client.end();
  }
}
