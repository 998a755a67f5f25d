-- ───────────────────────── Hand-written ─────────────────────────
-- Bulk moves (scripts/bench/assign.ts), the rollup side: rollup_move_clients() (from
-- 20261130130500_rollups_bulk_paths; same results) rewrites the moved clients' facts in one
-- UPDATE whose RETURNING (PostgreSQL 18: old and new values) gives the daily and monthly
-- differences in the same statement. Before: a temporary table of the moved clients' facts
-- (a join over rollup_client_facts, then ANALYZE), the differences from it, then an UPDATE
-- joining rollup_client_facts again — ≈ 1.5 s of CPU of a 100,000-client move, now ≈ half.
-- If a moved client has no facts row (the caller then recomputes the moved enterprises, as
-- before), the moved clients that had one are already counted here, and the recomputation
-- finds nothing to change for them.
CREATE OR REPLACE FUNCTION "rollup_move_clients"() RETURNS boolean
LANGUAGE plpgsql
SET work_mem = '64MB' SET enable_mergejoin = off
-- The statistics of the temporary table are for the join's shape only: a small sample will do.
SET default_statistics_target = 10
AS $$
DECLARE
  n_moves bigint;
  n_found bigint;
BEGIN
  n_moves := (SELECT count(*) FROM pg_temp."rollup_set_moves");
  IF n_moves > 1000 THEN ANALYZE pg_temp."rollup_set_moves"; END IF;
  -- Lock the enterprises' facts rows in enterprise order, as every writer does first.
  PERFORM 1 FROM "rollup_enterprise_facts" f
   WHERE f."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_moves")
   ORDER BY f."enterprise_id" FOR UPDATE;

  WITH nd AS (
    -- Each moved client's first need, and whether a visit raised it (as before).
    SELECT DISTINCT ON (t."bank_id", t."enterprise_id") t."bank_id", t."enterprise_id", t."visit_id"
      FROM "financing_needs" t
     WHERE t."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_moves")
     ORDER BY t."bank_id", t."enterprise_id", t."raised_on", t."created_at", t."id"
  ),
  ld AS (
    -- Whether this bank disbursed the enterprise's first-ever loan (as before).
    SELECT DISTINCT d."bank_id", d."enterprise_id" FROM "disbursements" d
     WHERE d."is_first_ever" AND d."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_moves")
  ),
  src AS (
    SELECT m."bank_id", m."enterprise_id", m."branch_key", m."manager_key",
           nd."visit_id" IS NULL AS no_visit_need,
           ld."enterprise_id" IS NULL AS no_disbursement
      FROM pg_temp."rollup_set_moves" m
      LEFT JOIN nd ON nd."bank_id" = m."bank_id" AND nd."enterprise_id" = m."enterprise_id"
      LEFT JOIN ld ON ld."bank_id" = m."bank_id" AND ld."enterprise_id" = m."enterprise_id"
  ),
  moved AS (
    UPDATE "rollup_client_facts" f SET
      "branch_key" = s."branch_key", "manager_key" = s."manager_key",
      "need_branch" = CASE WHEN f."need_on" IS NOT NULL AND s.no_visit_need THEN s."branch_key" ELSE f."need_branch" END,
      "need_manager" = CASE WHEN f."need_on" IS NOT NULL AND s.no_visit_need THEN s."manager_key" ELSE f."need_manager" END,
      "loan_branch" = CASE WHEN f."first_loan_on" IS NOT NULL AND s.no_disbursement THEN s."branch_key" ELSE f."loan_branch" END,
      "loan_manager" = CASE WHEN f."first_loan_on" IS NOT NULL AND s.no_disbursement THEN s."manager_key" ELSE f."loan_manager" END
      FROM src s
     WHERE f."bank_id" = s."bank_id" AND f."enterprise_id" = s."enterprise_id"
    RETURNING new."bank_id", new."county_code", new."city_code", new."is_listed", new."pooled_on", new."need_on",
              new."first_loan_on", new."first_loan_amount", s."branch_key" AS new_branch, s."manager_key" AS new_manager,
              old."branch_key" AS was_branch, old."manager_key" AS was_manager,
              old."need_branch" AS was_need_branch, old."need_manager" AS was_need_manager,
              old."loan_branch" AS was_loan_branch, old."loan_manager" AS was_loan_manager,
              (new."need_on" IS NOT NULL AND s.no_visit_need) AS need_follows,
              (new."first_loan_on" IS NOT NULL AND s.no_disbursement) AS loan_follows
  ),
  delta AS MATERIALIZED (
    SELECT x.day, x.county, min(x.city) AS city, x.bank, x.branch, x.manager,
           sum(x.pooled)::int AS pooled, sum(x.needs)::int AS needs,
           sum(x.first_loans)::int AS first_loans, sum(x.first_loan_amount) AS first_loan_amount
      FROM (
        SELECT f."pooled_on" AS day, f."county_code" AS county, f."city_code" AS city, f."bank_id" AS bank,
               k.branch, k.manager, k.s AS pooled, 0 AS needs, 0 AS first_loans, 0::numeric AS first_loan_amount
          FROM moved f
          CROSS JOIN LATERAL (VALUES (-1, f.was_branch, f.was_manager), (1, f.new_branch, f.new_manager)) k(s, branch, manager)
         WHERE f."is_listed" AND f."pooled_on" IS NOT NULL AND (f.was_branch, f.was_manager) <> (f.new_branch, f.new_manager)
        UNION ALL
        SELECT f."need_on", f."county_code", f."city_code", f."bank_id", k.branch, k.manager, 0, k.s, 0, 0
          FROM moved f
          CROSS JOIN LATERAL (VALUES (-1, f.was_need_branch, f.was_need_manager), (1, f.new_branch, f.new_manager)) k(s, branch, manager)
         WHERE f."is_listed" AND f.need_follows AND (f.was_need_branch, f.was_need_manager) <> (f.new_branch, f.new_manager)
        UNION ALL
        SELECT f."first_loan_on", f."county_code", f."city_code", f."bank_id", k.branch, k.manager, 0, 0, k.s, k.s * f."first_loan_amount"
          FROM moved f
          CROSS JOIN LATERAL (VALUES (-1, f.was_loan_branch, f.was_loan_manager), (1, f.new_branch, f.new_manager)) k(s, branch, manager)
         WHERE f.loan_follows AND (f.was_loan_branch, f.was_loan_manager) <> (f.new_branch, f.new_manager)
      ) x
     GROUP BY x.day, x.county, x.bank, x.branch, x.manager
    HAVING sum(x.pooled) <> 0 OR sum(x.needs) <> 0 OR sum(x.first_loans) <> 0 OR sum(x.first_loan_amount) <> 0
  ),
  daily AS (
    INSERT INTO "rollup_bank_daily" AS r
      ("day", "county_code", "city_code", "bank_id", "branch_key", "manager_key", "pooled", "needs", "first_loans", "first_loan_amount")
    SELECT day, county, city, bank, branch, manager, pooled, needs, first_loans, first_loan_amount
      FROM delta ORDER BY day, county, bank, branch, manager
    ON CONFLICT ("day", "county_code", "bank_id", "branch_key", "manager_key") DO UPDATE SET
      "pooled" = r."pooled" + EXCLUDED."pooled", "needs" = r."needs" + EXCLUDED."needs",
      "first_loans" = r."first_loans" + EXCLUDED."first_loans", "first_loan_amount" = r."first_loan_amount" + EXCLUDED."first_loan_amount"
  ),
  monthly AS (
    INSERT INTO "rollup_bank_monthly" AS r
      ("month", "county_code", "city_code", "bank_id", "branch_key", "manager_key", "pooled", "needs", "first_loans", "first_loan_amount")
    SELECT date_trunc('month', day)::date, county, min(city), bank, branch, manager, sum(pooled), sum(needs), sum(first_loans), sum(first_loan_amount)
      FROM delta GROUP BY 1, 2, 4, 5, 6 ORDER BY 1, 2, 4, 5, 6
    ON CONFLICT ("month", "county_code", "bank_id", "branch_key", "manager_key") DO UPDATE SET
      "pooled" = r."pooled" + EXCLUDED."pooled", "needs" = r."needs" + EXCLUDED."needs",
      "first_loans" = r."first_loans" + EXCLUDED."first_loans", "first_loan_amount" = r."first_loan_amount" + EXCLUDED."first_loan_amount"
  )
  SELECT count(*) INTO n_found FROM moved;
  RETURN n_found = n_moves;
END;
$$;

-- The statement triggers on bank_clients compare OLD with NEW once, by client id, as a hash
-- join (transition tables have no statistics, and the planner's nested loop over two of them
-- is quadratic: nested loops are switched off for that one statement). Before: two EXCEPTs
-- each (≈ 2× the work), for the rollups and for coverage. Same results.
CREATE OR REPLACE FUNCTION "rollup_on_bank_clients_statement"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  prev_nestloop text;
BEGIN
  -- (Nested IFs: a condition naming the transition table another event lacks fails to plan.)
  IF TG_OP = 'INSERT' THEN
    IF (SELECT count(*) FROM "rollup_new_rows") > 8 THEN
      IF to_regclass('pg_temp.rollup_set_ids') IS NOT NULL THEN DROP TABLE pg_temp."rollup_set_ids"; END IF;
      CREATE TEMP TABLE "rollup_set_ids" ON COMMIT DROP AS SELECT DISTINCT "enterprise_id" FROM "rollup_new_rows";
      PERFORM "rollup_refresh_temp_ids"(true);
      RETURN NULL;
    END IF;
    SELECT array_agg(DISTINCT t."enterprise_id") INTO ids FROM "rollup_new_rows" t;
  ELSIF TG_OP = 'DELETE' THEN
    IF (SELECT count(*) FROM "rollup_old_rows") > 8 THEN
      IF to_regclass('pg_temp.rollup_set_ids') IS NOT NULL THEN DROP TABLE pg_temp."rollup_set_ids"; END IF;
      CREATE TEMP TABLE "rollup_set_ids" ON COMMIT DROP AS SELECT DISTINCT "enterprise_id" FROM "rollup_old_rows";
      PERFORM "rollup_refresh_temp_ids"(true);
      RETURN NULL;
    END IF;
    SELECT array_agg(DISTINCT t."enterprise_id") INTO ids FROM "rollup_old_rows" t;
  ELSE
    IF (SELECT count(*) FROM "rollup_new_rows") > 8 THEN
      -- A big UPDATE: the clients whose branch or manager changed, and whether any client
      -- changed more than that (bank, enterprise, pool date, id): then the general path.
      IF to_regclass('pg_temp.rollup_set_moves') IS NOT NULL THEN DROP TABLE pg_temp."rollup_set_moves"; END IF;
      prev_nestloop := current_setting('enable_nestloop');
      PERFORM set_config('enable_nestloop', 'off', true);
      CREATE TEMP TABLE "rollup_set_moves" ON COMMIT DROP AS
      SELECT n."bank_id", n."enterprise_id", coalesce(n."branch_id", "rollup_nil"()) AS "branch_key", coalesce(n."manager_id", "rollup_nil"()) AS "manager_key",
             (n."id" IS NULL OR o."id" IS NULL
              OR (o."bank_id", o."enterprise_id", o."created_at") IS DISTINCT FROM (n."bank_id", n."enterprise_id", n."created_at")) AS "other_change"
        FROM "rollup_new_rows" n FULL JOIN "rollup_old_rows" o ON o."id" = n."id"
       WHERE (o."bank_id", o."enterprise_id", o."created_at", o."branch_id", o."manager_id")
             IS DISTINCT FROM (n."bank_id", n."enterprise_id", n."created_at", n."branch_id", n."manager_id");
      PERFORM set_config('enable_nestloop', prev_nestloop, true);
      IF NOT EXISTS (SELECT 1 FROM pg_temp."rollup_set_moves" WHERE "other_change") THEN
        IF (SELECT count(*) FROM pg_temp."rollup_set_moves") > 8 THEN
          IF "rollup_move_clients"() THEN RETURN NULL; END IF;
        END IF;
        SELECT array_agg(DISTINCT m."enterprise_id") INTO ids FROM pg_temp."rollup_set_moves" m;
        PERFORM "rollup_refresh_enterprises"(ids, 8, true);
        RETURN NULL;
      END IF;
    END IF;
    SELECT array_agg(DISTINCT x."enterprise_id") INTO ids FROM (
      (SELECT "bank_id", "enterprise_id", "branch_id", "manager_id", "created_at" FROM "rollup_old_rows"
       EXCEPT SELECT "bank_id", "enterprise_id", "branch_id", "manager_id", "created_at" FROM "rollup_new_rows")
      UNION ALL
      (SELECT "bank_id", "enterprise_id", "branch_id", "manager_id", "created_at" FROM "rollup_new_rows"
       EXCEPT SELECT "bank_id", "enterprise_id", "branch_id", "manager_id", "created_at" FROM "rollup_old_rows")
    ) x;
  END IF;
  PERFORM "rollup_refresh_enterprises"(ids, 8, true);
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "coverage_on_statement"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  banks uuid[];
  prev_nestloop text;
BEGIN
  -- (Nested IFs: a query naming a transition table the event lacks fails to plan.)
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT t."enterprise_id") INTO ids FROM "coverage_new" t;
    IF TG_TABLE_NAME = 'list_memberships' THEN
      -- One more list changes nothing for an enterprise already counted as listed (a second
      -- list of known enterprises). Key-share locked: a refresh (which takes the row for update)
      -- that unlists one has committed, and the row is then not skipped, or waits for us.
      PERFORM count(*) FROM (SELECT 1 FROM "coverage_facts" f WHERE f."enterprise_id" = ANY(ids) AND f."is_listed"
                              ORDER BY f."enterprise_id" FOR KEY SHARE) l;
      SELECT array_agg(i) INTO ids FROM unnest(ids) i
       WHERE NOT EXISTS (SELECT 1 FROM "coverage_facts" f WHERE f."enterprise_id" = i AND f."is_listed");
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT t."enterprise_id") INTO ids FROM "coverage_old" t;
  ELSIF TG_TABLE_NAME = 'bank_clients' THEN
    -- Only what coverage reads of a client: whether it has a manager, a last contact date.
    -- OLD and NEW paired by client id in one hash join (see above); a changed client gives
    -- its new bank × enterprise, and its old one too where that differs.
    prev_nestloop := current_setting('enable_nestloop');
    PERFORM set_config('enable_nestloop', 'off', true);
    SELECT array_agg(x."enterprise_id" ORDER BY x."enterprise_id"), array_agg(x."bank_id" ORDER BY x."enterprise_id") INTO ids, banks
      FROM "coverage_new" n FULL JOIN "coverage_old" o ON o."id" = n."id"
      CROSS JOIN LATERAL (VALUES (true, n."enterprise_id", n."bank_id"), (false, o."enterprise_id", o."bank_id")) x("is_new", "enterprise_id", "bank_id")
     WHERE (o."bank_id", o."enterprise_id", o."manager_id" IS NULL, o."last_contact_at" IS NULL)
           IS DISTINCT FROM (n."bank_id", n."enterprise_id", n."manager_id" IS NULL, n."last_contact_at" IS NULL)
       AND x."enterprise_id" IS NOT NULL
       AND (x."is_new" OR (o."enterprise_id", o."bank_id") IS DISTINCT FROM (n."enterprise_id", n."bank_id"));
    PERFORM set_config('enable_nestloop', prev_nestloop, true);
    IF ids IS NULL THEN RETURN NULL; END IF;
    -- A client's change counts only where its enterprise is listed and its bank is the
    -- responsible one: a reassignment of clients nobody counts (most of a bulk move outside
    -- the lists) refreshes nothing. Read without locking the facts: this statement holds the
    -- changed clients' row locks, and coverage_refresh() shared-locks the clients it reads, so
    -- a refresh that listed or allocated one of these enterprises has committed (its facts are
    -- seen here) or reads this change after our commit.
    SELECT array_agg(DISTINCT f."enterprise_id") INTO ids
      FROM unnest(ids, banks) c("enterprise_id", "bank_id")
      JOIN "coverage_facts" f ON f."enterprise_id" = c."enterprise_id" AND f."bank_key" = c."bank_id"
     WHERE f."is_listed";
  ELSIF TG_TABLE_NAME = 'enterprises' THEN
    SELECT array_agg(DISTINCT x."id") INTO ids FROM (
      (SELECT "id", "county_code", "city_code" FROM "coverage_old" EXCEPT SELECT "id", "county_code", "city_code" FROM "coverage_new")
      UNION ALL
      (SELECT "id", "county_code", "city_code" FROM "coverage_new" EXCEPT SELECT "id", "county_code", "city_code" FROM "coverage_old")
    ) x;
  ELSE
    SELECT array_agg(DISTINCT x."enterprise_id") INTO ids FROM (
      SELECT "enterprise_id" FROM "coverage_old" UNION SELECT "enterprise_id" FROM "coverage_new") x;
  END IF;
  PERFORM "coverage_refresh"(ids);
  RETURN NULL;
END;
$$
