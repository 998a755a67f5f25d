// Bulk-load mode for a set of tables, inside the caller's transaction: drop their foreign keys
// and secondary indexes (and switch off their rollup triggers), load, then recreate both from the exact definitions PostgreSQL
// reported (pg_get_indexdef / pg_get_constraintdef), so the schema ends up as it was (the
// drift check agrees). Checking a foreign key once over the loaded table and building an index
// in one sort are far cheaper than doing both row by row; unique indexes and foreign keys are
// still enforced when they come back, so bad data fails the load instead of slipping in.
import type pg from "pg";

type Saved = {
  indexes: { name: string; def: string }[];
  foreignKeys: { table: string; name: string; def: string }[];
  triggers: { table: string; name: string }[];
};

export async function dropForLoad(client: pg.ClientBase, tables: readonly string[]): Promise<Saved> {
  const { rows: foreignKeys } = await client.query<{ table: string; name: string; def: string }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1::text[])
      ORDER BY 1, 2`,
    [tables],
  );
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
      WHERE i.indrelid::regclass::text = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`,
    [tables],
  );
  // The rollup triggers would skip every row anyway (the loader defers them and rebuilds):
  // switching them off saves evaluating their WHEN clauses millions of times.
  const { rows: triggers } = await client.query<{ table: string; name: string }>(
    `SELECT tgrelid::regclass::text AS table, tgname AS name FROM pg_trigger
      WHERE NOT tgisinternal AND tgenabled <> 'D' AND tgname LIKE 'rollup\\_%' AND tgrelid::regclass::text = ANY($1::text[])`,
    [tables],
  );
  for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`);
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  for (const t of triggers) await client.query(`ALTER TABLE ${t.table} DISABLE TRIGGER "${t.name}"`);
  return { indexes, foreignKeys, triggers };
}

export async function restoreAfterLoad(client: pg.ClientBase, saved: Saved): Promise<void> {
  for (const index of saved.indexes) await client.query(index.def);
  for (const fk of saved.foreignKeys) await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.def}`);
  for (const t of saved.triggers) await client.query(`ALTER TABLE ${t.table} ENABLE TRIGGER "${t.name}"`);
}
