// Reference data that every database needs (Zhejiang's divisions). lib/domain/regions.ts is
// the single source; this upserts it after migrations, idempotently.
import pg from "pg";
import { CITIES, COUNTIES, PROVINCE } from "@/lib/domain/regions";

export async function syncReferenceData(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows: [string, string, string, string, string | null][] = [
      [PROVINCE.code, PROVINCE.name, PROVINCE.nameEn, "PROVINCE", null],
      ...CITIES.map((c): [string, string, string, string, string | null] => [c.code, c.name, c.nameEn, "CITY", PROVINCE.code]),
      ...COUNTIES.map((c): [string, string, string, string, string | null] => [c.code, c.name, c.nameEn, "COUNTY", c.cityCode]),
    ];
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO regions (code, name, name_en, level, parent_code)
       SELECT * FROM unnest($1::varchar[], $2::text[], $3::text[], $4::"RegionLevel"[], $5::varchar[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en,
         level = EXCLUDED.level, parent_code = EXCLUDED.parent_code`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3]), rows.map((r) => r[4])],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
