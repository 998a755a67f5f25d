// Test-only: a market-order flag the demo seed does not have (the daily scan raises them from
// real conduct), written straight into the e2e database (DATABASE_URL, prepared by
// scripts/test.ts) on an enterprise in Jiaxing, which the demo regulator (浙江不含宁波) covers.
import { randomUUID } from "node:crypto";
import pg from "pg";

export async function insertCrowdingFlag(): Promise<{ flagId: string; enterpriseName: string }> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const e = await client.query<{ id: string; name: string }>("SELECT id::text, name FROM enterprises WHERE city_code = '330400' ORDER BY uscc LIMIT 1");
    const banks = await client.query<{ name: string; name_en: string }>("SELECT name, name_en FROM banks ORDER BY code LIMIT 3");
    const facts = {
      windowFrom: "2026-01-01", windowTo: "2026-01-30", bankCount: 3,
      banks: banks.rows.map((b, i) => ({ name: b.name, nameEn: b.name_en, visits: 1, firstVisitOn: `2026-01-0${i + 1}`, lastVisitOn: `2026-01-0${i + 1}` })),
    };
    const flag = await client.query<{ id: string }>(
      "INSERT INTO market_flags (kind, enterprise_id, cause_key, facts) VALUES ('CROWDING', $1::uuid, $2, $3::jsonb) RETURNING id::text",
      [e.rows[0]!.id, `e2e:${randomUUID()}`, JSON.stringify(facts)],
    );
    return { flagId: flag.rows[0]!.id, enterpriseName: e.rows[0]!.name };
  } finally {
    await client.end();
  }
}
