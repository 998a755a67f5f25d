// The set-based half of a list import: the checked rows are in list_batch_rows (COPY); these
// statements, inside the import's transaction, finish the checks that need the whole file or
// the registry, then write the registry and the list memberships. No per-row round trips: a
// 530,000-row list is a handful of statements.
//
// Rules:
//   - a USCC repeated in the file: the first acceptable row wins, later ones are rejected
//     ("duplicateInFile:line=<line of the first>"). Found here, in SQL, rather than with a set
//     of USCCs in the job's memory, so the job's memory does not grow with the file;
//   - a known USCC (already in the shared registry) is never a second enterprise: the row
//     points at the existing one. A regulator's list that names it differently (name or
//     county) updates the registry, with an audit row and a warning on the row; a bank's own
//     list never rewrites the shared registry (warning "registryDiffers" only);
//   - a new enterprise needs an industry section (the registry requires one);
//   - an enterprise with a first-ever loan on record is listed with a warning (no longer 无贷户);
//   - memberships: an enterprise already on the same list (same list type and owner) is not
//     added again, so importing the same file twice adds nothing.
import type pg from "pg";

export type MergeInput = {
  batchId: string;
  listType: string;
  ownerBankId: string | null;
  actorId: string | null;
  checkpoint: () => void;
};

export type MergeCounts = {
  rows: number;
  accepted: number;
  rejected: number;
  warnings: number;
  newEnterprises: number;
  knownEnterprises: number;
  membershipsAdded: number;
  registryUpdates: number;
  duplicateOfId: string | null;
  pooled: number;
};

/** IMPORT_TIMINGS=1 prints each statement's time (for tuning: npm run bench:import). */
type Timed = <R extends pg.QueryResultRow = pg.QueryResultRow>(label: string, text: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;

function timed(client: pg.PoolClient): Timed {
  const on = process.env.IMPORT_TIMINGS === "1";
  return async <R extends pg.QueryResultRow>(label: string, text: string, values?: unknown[]) => {
    const start = performance.now();
    const result = await client.query<R>(text, values);
    if (on) console.log(`[import] ${label}: ${(performance.now() - start).toFixed(0)} ms (${result.rowCount ?? 0} rows)`);
    return result;
  };
}

export async function mergeBatch(client: pg.PoolClient, input: MergeInput): Promise<MergeCounts> {
  const { batchId, listType, ownerBankId, actorId, checkpoint } = input;
  const q = timed(client);
  // Two imports of the same list merge one after the other (memberships depend on each other).
  await q("lock", "SELECT pg_advisory_xact_lock(hashtext('list-merge:' || $1 || ':' || coalesce($2::text, '')))", [listType, ownerBankId]);
  await q("analyze", "ANALYZE list_batch_rows");

  // Repeated USCCs inside the file.
  await q("duplicates",
    `WITH firsts AS (
       SELECT uscc, min(line_no) AS first FROM list_batch_rows
        WHERE batch_id = $1 AND line_no > 0 AND NOT is_rejected GROUP BY uscc HAVING count(*) > 1)
     UPDATE list_batch_rows r SET is_rejected = true, is_new = false, enterprise_id = NULL,
            reasons = array_append(r.reasons, 'duplicateInFile:line=' || f.first)
       FROM firsts f
      WHERE r.batch_id = $1 AND r.uscc = f.uscc AND r.line_no > f.first AND NOT r.is_rejected`,
    [batchId],
  );
  checkpoint();

  // Known enterprises: point at the registry's row.
  await q("known", 
    `UPDATE list_batch_rows r SET enterprise_id = e.id, is_new = false
       FROM enterprises e
      WHERE r.batch_id = $1 AND r.line_no > 0 AND NOT r.is_rejected AND e.uscc = r.uscc::char(18)`,
    [batchId],
  );
  checkpoint();

  // A new enterprise without an industry section cannot enter the registry.
  await q("industry", 
    `UPDATE list_batch_rows SET is_rejected = true, is_new = false, enterprise_id = NULL,
            reasons = array_append(reasons, 'industryRequired')
      WHERE batch_id = $1 AND line_no > 0 AND is_new AND NOT is_rejected AND industry IS NULL`,
    [batchId],
  );

  // New enterprises (ids were drawn while staging). A concurrent writer may have added the
  // same USCC since we matched: the conflict is skipped here and the row re-pointed below.
  const inserted = await q("insert enterprises", 
    `INSERT INTO enterprises (id, uscc, name, kind, county_code, city_code, industry, legal_rep_name, legal_rep_phone)
     SELECT enterprise_id, uscc, name, coalesce(kind, 'OTHER')::"EnterpriseKind", county_code, city_code, industry, legal_rep_name, legal_rep_phone
       FROM list_batch_rows WHERE batch_id = $1 AND line_no > 0 AND is_new AND NOT is_rejected
      ORDER BY enterprise_id
     ON CONFLICT (uscc) DO NOTHING`,
    [batchId],
  );
  const expectedNew = await q<{ n: number }>("expected new", 
    "SELECT count(*)::int AS n FROM list_batch_rows WHERE batch_id = $1 AND line_no > 0 AND is_new AND NOT is_rejected",
    [batchId],
  );
  if ((inserted.rowCount ?? 0) !== expectedNew.rows[0]!.n) {
    await q("repoint", 
      `UPDATE list_batch_rows r SET enterprise_id = e.id, is_new = false
         FROM enterprises e
        WHERE r.batch_id = $1 AND r.is_new AND NOT r.is_rejected AND e.uscc = r.uscc::char(18) AND e.id <> r.enterprise_id`,
      [batchId],
    );
  }
  checkpoint();

  // Known enterprises named differently in this list.
  let registryUpdates = 0;
  if (ownerBankId === null) {
    const updated = await q("registry update", 
      `WITH changed AS (
         SELECT r.line_no, e.id, e.name AS old_name, r.name AS new_name, e.county_code AS old_county,
                r.county_code AS new_county, r.city_code AS new_city
           FROM list_batch_rows r JOIN enterprises e ON e.id = r.enterprise_id
          WHERE r.batch_id = $1 AND r.line_no > 0 AND NOT r.is_rejected AND NOT r.is_new
            AND (e.name <> r.name OR e.county_code <> r.county_code)),
       upd AS (
         UPDATE enterprises e SET name = c.new_name, county_code = c.new_county, city_code = c.new_city
           FROM changed c WHERE e.id = c.id RETURNING e.id),
       aud AS (
         INSERT INTO audit_logs (actor_id, bank_id, action, entity_type, entity_id, before, after)
         SELECT $2::uuid, NULL, 'enterprise.update_from_list', 'enterprise', c.id::text,
                jsonb_build_object('name', c.old_name, 'countyCode', c.old_county),
                jsonb_build_object('name', c.new_name, 'countyCode', c.new_county, 'batchId', $1::text, 'lineNo', c.line_no)
           FROM changed c)
       UPDATE list_batch_rows r
          SET reasons = r.reasons
                || CASE WHEN c.old_name <> c.new_name THEN ARRAY['nameChanged'] ELSE ARRAY[]::text[] END
                || CASE WHEN c.old_county <> c.new_county THEN ARRAY['countyChanged'] ELSE ARRAY[]::text[] END
         FROM changed c WHERE r.batch_id = $1 AND r.line_no = c.line_no`,
      [batchId, actorId],
    );
    registryUpdates = updated.rowCount ?? 0;
  } else {
    await q("registry differs", 
      `UPDATE list_batch_rows r SET reasons = array_append(r.reasons, 'registryDiffers')
         FROM enterprises e
        WHERE r.batch_id = $1 AND r.line_no > 0 AND NOT r.is_rejected AND NOT r.is_new AND e.id = r.enterprise_id
          AND (e.name <> r.name OR e.county_code <> r.county_code)`,
      [batchId],
    );
  }
  checkpoint();

  // Already a first-loan enterprise: listed, with a warning.
  await q("already has loan", 
    `UPDATE list_batch_rows r SET reasons = array_append(r.reasons, 'alreadyHasLoan')
       FROM enterprises e
      WHERE r.batch_id = $1 AND r.line_no > 0 AND NOT r.is_rejected AND NOT r.is_new AND e.id = r.enterprise_id
        AND e.first_loan_on IS NOT NULL`,
    [batchId],
  );
  checkpoint();

  // Memberships: enterprises not yet on this list (same type, same owner).
  const added = await q("memberships", 
    `INSERT INTO list_memberships (enterprise_id, batch_id, list_type, listed_on)
     SELECT r.enterprise_id, $1, b.list_type, b.issued_on
       FROM list_batch_rows r JOIN list_batches b ON b.id = r.batch_id
      WHERE r.batch_id = $1 AND r.line_no > 0 AND NOT r.is_rejected
        AND NOT EXISTS (
          SELECT 1 FROM list_memberships m JOIN list_batches mb ON mb.id = m.batch_id
           WHERE m.enterprise_id = r.enterprise_id AND m.list_type = b.list_type
             AND mb.owner_bank_id IS NOT DISTINCT FROM b.owner_bank_id)`,
    [batchId],
  );
  checkpoint();

  const { rows } = await q<{
    rows: number; accepted: number; rejected: number; warnings: number; new_enterprises: number; known_enterprises: number;
  }>("counts", 
    `SELECT count(*)::int AS rows,
            count(*) FILTER (WHERE NOT is_rejected)::int AS accepted,
            count(*) FILTER (WHERE is_rejected)::int AS rejected,
            count(*) FILTER (WHERE NOT is_rejected AND cardinality(reasons) > 0)::int AS warnings,
            count(*) FILTER (WHERE NOT is_rejected AND is_new)::int AS new_enterprises,
            count(*) FILTER (WHERE NOT is_rejected AND NOT is_new)::int AS known_enterprises
       FROM list_batch_rows WHERE batch_id = $1 AND line_no > 0`,
    [batchId],
  );
  const duplicate = await q<{ id: string }>("duplicate file", 
    `SELECT o.id FROM list_batches b JOIN list_batches o
         ON o.file_sha256 = b.file_sha256 AND o.list_type = b.list_type AND o.owner_bank_id IS NOT DISTINCT FROM b.owner_bank_id
      WHERE b.id = $1 AND o.id <> b.id AND o.status = 'DONE' ORDER BY o.created_at LIMIT 1`,
    [batchId],
  );
  const c = rows[0]!;
  await q("audit", 
    `INSERT INTO audit_logs (actor_id, bank_id, action, entity_type, entity_id, after)
     VALUES ($1, $2, 'list.import', 'list_batch', $3, $4)`,
    [actorId, ownerBankId, batchId, JSON.stringify({ ...c, membershipsAdded: added.rowCount ?? 0, registryUpdates })],
  );
  return {
    rows: c.rows,
    accepted: c.accepted,
    rejected: c.rejected,
    warnings: c.warnings,
    newEnterprises: c.new_enterprises,
    knownEnterprises: c.known_enterprises,
    membershipsAdded: added.rowCount ?? 0,
    registryUpdates,
    duplicateOfId: duplicate.rows[0]?.id ?? null,
    pooled: 0,
  };
}
