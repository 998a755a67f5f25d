// The set-based half of a list import: the checked rows are in pg_temp.import_rows (COPY, a
// temporary table of the import's own session: no WAL, no foreign-key check per row); these
// statements, inside the import's transaction, finish the checks that need the whole file or
// the registry, then write the registry, the list memberships and, once, the batch's rows
// (list_batch_rows). No per-row round trips and no UPDATE pass over the rows: one statement
// classifies every row (repeated in the file, known, new, what the registry says of it) into
// pg_temp.import_merged; the registry, the memberships, the counts and list_batch_rows are
// written from it. A 530,000-row list is a handful of statements.
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
  // Statistics only for the columns the statements below join and filter on (the raw cells
  // and the reasons are the widest columns and nothing plans on them).
  await q("analyze", "ANALYZE pg_temp.import_rows (batch_id, line_no, uscc, is_rejected)");

  // Every row's outcome in one pass, in line order:
  //   - a USCC repeated in the file: rows after the first acceptable one are rejected;
  //   - a known USCC points at the registry's row (is_new false); a regulator's list that names
  //     it differently will update the registry (name_changed, county_changed: below), a bank's
  //     own list only warns (registryDiffers);
  //   - a new enterprise without an industry section is rejected (the registry needs one);
  //   - a known enterprise with a first-ever loan is listed with a warning (alreadyHasLoan).
  // The reasons keep the order the checks have always appended them in.
  await q("drop merged", "DROP TABLE IF EXISTS pg_temp.import_merged");
  await q("classify",
    `CREATE TEMP TABLE import_merged ON COMMIT DROP AS
     WITH dup AS (
       SELECT uscc, min(line_no) AS first FROM pg_temp.import_rows
        WHERE line_no > 0 AND NOT is_rejected GROUP BY uscc HAVING count(*) > 1),
     j AS (
       SELECT r.*, d.first AS dup_first, e.id AS known_id,
              (e.id IS NOT NULL AND e.name <> r.name) AS differs_name,
              (e.id IS NOT NULL AND e.county_code <> r.county_code) AS differs_county,
              (e.first_loan_on IS NOT NULL) AS has_loan
         FROM pg_temp.import_rows r
         LEFT JOIN dup d ON d.uscc = r.uscc AND r.line_no > d.first AND NOT r.is_rejected
         LEFT JOIN enterprises e ON e.uscc = r.uscc::char(18) AND NOT r.is_rejected),
     k AS (
       SELECT j.*,
              (NOT j.is_rejected AND j.dup_first IS NULL AND j.known_id IS NULL AND j.industry IS NULL) AS needs_industry,
              (NOT j.is_rejected AND j.dup_first IS NULL) AS accepted
         FROM j)
     SELECT k.batch_id, k.line_no, k.uscc, k.name, k.county_code, k.city_code, k.industry, k.kind, k.legal_rep_name,
            k.legal_rep_phone, k.bank_id,
            CASE WHEN NOT k.accepted OR k.needs_industry THEN NULL WHEN k.known_id IS NOT NULL THEN k.known_id ELSE k.enterprise_id END AS enterprise_id,
            (NOT k.accepted OR k.needs_industry) AS is_rejected,
            (k.accepted AND NOT k.needs_industry AND k.known_id IS NULL) AS is_new,
            CASE
              WHEN k.is_rejected THEN k.reasons
              WHEN k.dup_first IS NOT NULL THEN k.reasons || ('duplicateInFile:line=' || k.dup_first)
              WHEN k.needs_industry THEN k.reasons || 'industryRequired'::text
              WHEN k.known_id IS NULL THEN k.reasons
              ELSE k.reasons
                || CASE WHEN $2::uuid IS NULL THEN
                          CASE WHEN k.differs_name THEN ARRAY['nameChanged'] ELSE ARRAY[]::text[] END
                          || CASE WHEN k.differs_county THEN ARRAY['countyChanged'] ELSE ARRAY[]::text[] END
                        WHEN k.differs_name OR k.differs_county THEN ARRAY['registryDiffers'] ELSE ARRAY[]::text[] END
                || CASE WHEN k.has_loan THEN ARRAY['alreadyHasLoan'] ELSE ARRAY[]::text[] END
            END AS reasons,
            k.raw,
            (k.accepted AND k.known_id IS NOT NULL AND $2::uuid IS NULL AND (k.differs_name OR k.differs_county)) AS registry_changes
       FROM k
      WHERE k.batch_id = $1
      ORDER BY k.line_no`,
    [batchId, ownerBankId],
  );
  await q("analyze merged", "ANALYZE pg_temp.import_merged (line_no, uscc, enterprise_id, is_rejected, is_new, registry_changes)");
  checkpoint();

  // New enterprises (ids were drawn while staging, time-ordered: the primary key takes them at
  // its right edge). A concurrent writer may have added the same USCC since we matched: the
  // conflict is skipped here and the row re-pointed below.
  const inserted = await q("insert enterprises",
    `INSERT INTO enterprises (id, uscc, name, kind, county_code, city_code, industry, legal_rep_name, legal_rep_phone)
     SELECT enterprise_id, uscc, name, coalesce(kind, 'OTHER')::"EnterpriseKind", county_code, city_code, industry, legal_rep_name, legal_rep_phone
       FROM pg_temp.import_merged WHERE is_new
      ORDER BY enterprise_id
     ON CONFLICT (uscc) DO NOTHING`,
  );
  const expectedNew = await q<{ n: number }>("expected new", "SELECT count(*)::int AS n FROM pg_temp.import_merged WHERE is_new");
  if ((inserted.rowCount ?? 0) !== expectedNew.rows[0]!.n) {
    await q("repoint",
      `UPDATE pg_temp.import_merged r SET enterprise_id = e.id, is_new = false
         FROM enterprises e
        WHERE r.is_new AND e.uscc = r.uscc::char(18) AND e.id <> r.enterprise_id`,
    );
  }
  checkpoint();

  // Known enterprises a regulator's list names differently: the registry follows the list,
  // one audit row per enterprise (the rows' warnings were written above).
  let registryUpdates = 0;
  if (ownerBankId === null) {
    const updated = await q("registry update",
      `WITH changed AS (
         SELECT r.line_no, e.id, e.name AS old_name, r.name AS new_name, e.county_code AS old_county,
                r.county_code AS new_county, r.city_code AS new_city
           FROM pg_temp.import_merged r JOIN enterprises e ON e.id = r.enterprise_id
          WHERE r.registry_changes AND (e.name <> r.name OR e.county_code <> r.county_code)),
       upd AS (
         UPDATE enterprises e SET name = c.new_name, county_code = c.new_county, city_code = c.new_city
           FROM changed c WHERE e.id = c.id RETURNING e.id)
       INSERT INTO audit_logs (actor_id, bank_id, action, entity_type, entity_id, before, after)
       SELECT $2::uuid, NULL, 'enterprise.update_from_list', 'enterprise', c.id::text,
              jsonb_build_object('name', c.old_name, 'countyCode', c.old_county),
              jsonb_build_object('name', c.new_name, 'countyCode', c.new_county, 'batchId', $1::text, 'lineNo', c.line_no)
         FROM changed c`,
      [batchId, actorId],
    );
    registryUpdates = updated.rowCount ?? 0;
  }
  checkpoint();

  // Memberships: enterprises not yet on this list (same type, same owner).
  const added = await q("memberships",
    `INSERT INTO list_memberships (enterprise_id, batch_id, list_type, listed_on)
     SELECT r.enterprise_id, $1, b.list_type, b.issued_on
       FROM pg_temp.import_merged r JOIN list_batches b ON b.id = $1
      WHERE NOT r.is_rejected
        AND NOT EXISTS (
          SELECT 1 FROM list_memberships m JOIN list_batches mb ON mb.id = m.batch_id
           WHERE m.enterprise_id = r.enterprise_id AND m.list_type = b.list_type
             AND mb.owner_bank_id IS NOT DISTINCT FROM b.owner_bank_id)
      ORDER BY r.enterprise_id`,
    [batchId],
  );
  checkpoint();

  // The batch's rows, written once (the error file, the diff and publishing read them).
  await q("batch rows",
    `INSERT INTO list_batch_rows (batch_id, line_no, uscc, name, county_code, city_code, industry, kind, legal_rep_name,
                                  legal_rep_phone, bank_id, enterprise_id, is_rejected, is_new, reasons, raw)
     SELECT batch_id, line_no, uscc, name, county_code, city_code, industry, kind, legal_rep_name,
            legal_rep_phone, bank_id, enterprise_id, is_rejected, is_new, reasons, raw
       FROM pg_temp.import_merged`,
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
       FROM pg_temp.import_merged WHERE line_no > 0`,
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
