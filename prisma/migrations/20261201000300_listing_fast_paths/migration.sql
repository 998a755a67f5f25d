-- ───────────────────────── Hand-written ─────────────────────────
-- The listing's fast paths for a new province list (505,000 enterprises new to coverage and to
-- the rollups, 20,000 known; measured in the INSERT of their memberships):
--   * coverage_refresh() step 1 joins a big set to the registry by hashing instead of a merge
--     join over the whole primary key of enterprises;
--   * the enterprises step 1 did not take go to steps 2 and 3 in a temporary table, instead of
--     an array of those it took: as a constant of 505,000 elements it cost seconds of planning
--     in each of four statements (the estimate of `<> ALL (array)` goes element by element);
--   * when step 1 took every enterprise of the set, the function ends there;
--   * coverage_refresh() step 1 and rollup_listing_fast_path() step 1 insert a facts row for
--     each enterprise nothing has counted yet, with ON CONFLICT DO NOTHING (a concurrent writer
--     of the same enterprise may have inserted it first). For an enterprise the same
--     transaction created — 505,000 of a new province list, inserted into the registry by the
--     import a moment before — no other transaction can have written one: it cannot see the
--     enterprise. Those rows go in with a plain INSERT (505,000 rows 0.85 s instead of 1.55 s
--     with speculative insertion); the rest as before. "Created by this transaction": its row
--     version is ours (xmin) and its created_at is this transaction's start (an enterprise we
--     only updated keeps its own). Were that ever wrong, the plain INSERT fails on the primary
--     key (the statement and the import stop, nothing is counted twice).
-- Same results otherwise (tests/integration/allocation-coverage.test.ts, list-import.test.ts,
-- rollups-recount.test.ts compare with a rebuild).

CREATE OR REPLACE FUNCTION "coverage_refresh"(p_ids uuid[]) RETURNS void
LANGUAGE plpgsql SET work_mem = '64MB' AS $$
DECLARE
  src text;
  fresh_ids uuid[];
  big boolean;
  n_rest bigint;
  prev_mergejoin text;
  fresh_sql text;
BEGIN
  IF p_ids IS NULL OR cardinality(p_ids) = 0 THEN RETURN; END IF;
  big := cardinality(p_ids) > 1000;
  IF big THEN
    IF to_regclass('pg_temp.coverage_set_ids') IS NOT NULL THEN DROP TABLE pg_temp."coverage_set_ids"; END IF;
    CREATE TEMP TABLE "coverage_set_ids" ON COMMIT DROP AS SELECT DISTINCT x AS "enterprise_id" FROM unnest(p_ids) x;
    ANALYZE pg_temp."coverage_set_ids";
    IF to_regclass('pg_temp.coverage_rest_ids') IS NOT NULL THEN DROP TABLE pg_temp."coverage_rest_ids"; END IF;
    CREATE TEMP TABLE "coverage_rest_ids" ("enterprise_id" uuid) ON COMMIT DROP;
    src := 'SELECT "enterprise_id" FROM pg_temp."coverage_set_ids"';
  ELSE
    src := 'SELECT DISTINCT x AS "enterprise_id" FROM unnest($1) x';
  END IF;

  -- 1. Enterprises coverage has not seen yet (most of a new list's): one has no allocation and
  --    no client (every statement creating one refreshes it, coverage_rebuild() writes a row
  --    for each), so what it counts is known from the registry and the lists alone. Its new
  --    facts row is written and counted at once; its insert is its lock (a concurrent writer
  --    of the same enterprise waits on it, then takes the general path below).
  --    An enterprise this transaction created (a new list's, inserted by the same import) has
  --    no facts row anywhere: no other transaction can see it to write one. Its row is inserted
  --    without ON CONFLICT (speculative insertion cost 0.7 s more for 505,000). A row this
  --    transaction only updated keeps its older created_at, so it takes the other insert.
  fresh_sql := $q$
    WITH cand AS MATERIALIZED (
      -- (One join, then split: a filter on xmin is estimated at one row, and a nested loop
      -- over the whole registry followed.)
      SELECT e."id", e."county_code", e."city_code", (e."xmin" = pg_current_xact_id()::xid AND e."created_at" = now()::timestamptz(3)) AS "is_own"
        FROM (%s) i JOIN "enterprises" e ON e."id" = i."enterprise_id"
    ),
    own AS (
      INSERT INTO "coverage_facts" ("enterprise_id", "is_listed", "county_code", "city_code")
      SELECT c."id", EXISTS (SELECT 1 FROM "list_memberships" m WHERE m."enterprise_id" = c."id"), c."county_code", c."city_code"
        FROM cand c
       WHERE c."is_own" AND NOT EXISTS (SELECT 1 FROM "coverage_facts" f WHERE f."enterprise_id" = c."id")
       ORDER BY 1
      RETURNING "enterprise_id", "is_listed", "county_code", "city_code"
    ),
    others AS (
      INSERT INTO "coverage_facts" ("enterprise_id", "is_listed", "county_code", "city_code")
      SELECT c."id", EXISTS (SELECT 1 FROM "list_memberships" m WHERE m."enterprise_id" = c."id"), c."county_code", c."city_code"
        FROM cand c
       WHERE NOT c."is_own"
       ORDER BY 1
      ON CONFLICT DO NOTHING
      RETURNING "enterprise_id", "is_listed", "county_code", "city_code"
    ),
    fresh AS (SELECT * FROM own UNION ALL SELECT * FROM others),
    counted AS (
      INSERT INTO "coverage_counts" AS c ("county_code", "city_code", "bank_key", "listed")
      SELECT "county_code", min("city_code"), "rollup_nil"(), count(*)::int FROM fresh WHERE "is_listed" GROUP BY 1 ORDER BY 1
      ON CONFLICT ("county_code", "bank_key") DO UPDATE SET "listed" = c."listed" + EXCLUDED."listed"
    )
$q$;
  --    A big set (a new list) is joined to the registry by hashing (the merge join the planner
  --    picks walks the whole primary key of enterprises: 0.8 s of 4 s for 505,000), and the
  --    enterprises step 1 did not take go on in a temporary table of their own (20,000 known of
  --    a new list): an array of the 505,000 it took, handed to the later statements as a
  --    constant, cost seconds of planning (the planner estimates `<> ALL (array)` element by
  --    element); deleting those from the set's table cost 3 s.
  IF big THEN
    prev_mergejoin := current_setting('enable_mergejoin');
    PERFORM set_config('enable_mergejoin', 'off', true);
    EXECUTE format(fresh_sql || $q$
    INSERT INTO pg_temp."coverage_rest_ids"
    SELECT s."enterprise_id" FROM pg_temp."coverage_set_ids" s
     WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f."enterprise_id" = s."enterprise_id")$q$, src);
    GET DIAGNOSTICS n_rest = ROW_COUNT;
    PERFORM set_config('enable_mergejoin', prev_mergejoin, true);
    -- Every enterprise was new to coverage (a list of enterprises the registry just gained):
    -- nothing is left for the general path.
    IF n_rest = 0 THEN RETURN; END IF;
    src := 'SELECT "enterprise_id" FROM pg_temp."coverage_rest_ids"';
  ELSE
    EXECUTE format(fresh_sql || $q$
    SELECT array_agg("enterprise_id") FROM fresh$q$, src) INTO fresh_ids USING p_ids;
    IF fresh_ids IS NOT NULL THEN
      -- (Counted only when some were new: most calls, one client's change, have none.)
      IF cardinality(fresh_ids) = (SELECT count(DISTINCT x) FROM unnest(p_ids) x) THEN RETURN; END IF;
      src := format('SELECT i."enterprise_id" FROM (%s) i WHERE i."enterprise_id" <> ALL ($2)', src);
    END IF;
  END IF;

  -- 2. The others: a facts row for each (the lock row), then the locks, in one order for every writer.
  EXECUTE format('INSERT INTO "coverage_facts" ("enterprise_id") SELECT "enterprise_id" FROM (%s) i ORDER BY 1 ON CONFLICT DO NOTHING', src) USING p_ids, fresh_ids;
  EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM "coverage_facts" f WHERE f."enterprise_id" IN (%s) ORDER BY f."enterprise_id" FOR UPDATE) l', src) USING p_ids, fresh_ids;
  -- The clients read below, shared-locked: a statement changing one of them (whose own
  -- trigger may skip the refresh, see coverage_on_statement) commits before we read it, or
  -- waits until we commit and then sees the facts we wrote.
  EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM "bank_clients" bc WHERE bc."enterprise_id" IN (%s) ORDER BY bc."id" FOR SHARE) l', src) USING p_ids, fresh_ids;

  -- 3. Read the base tables now, compare, write the facts and the difference of the counts.
  EXECUTE format($q$
    WITH ids AS MATERIALIZED (%s),
    now_ AS (
      SELECT i."enterprise_id",
             (e."id" IS NOT NULL AND EXISTS (SELECT 1 FROM "list_memberships" m WHERE m."enterprise_id" = i."enterprise_id")) AS "is_listed",
             e."county_code", e."city_code", a."bank_id" AS "bank_key",
             coalesce(bc."manager_id" IS NOT NULL, false) AS "is_assigned",
             coalesce(bc."last_contact_at" IS NOT NULL OR EXISTS (SELECT 1 FROM "visits" v WHERE v."client_id" = bc."id"), false) AS "is_contacted"
        FROM ids i
        LEFT JOIN "enterprises" e ON e."id" = i."enterprise_id"
        LEFT JOIN "enterprise_allocations" a ON a."enterprise_id" = i."enterprise_id"
        LEFT JOIN "bank_clients" bc ON bc."bank_id" = a."bank_id" AND bc."enterprise_id" = i."enterprise_id"
    ),
    changed AS MATERIALIZED (
      SELECT n.*, f."is_listed" AS "was_listed", f."county_code" AS "was_county", f."city_code" AS "was_city",
             f."bank_key" AS "was_bank", f."is_assigned" AS "was_assigned", f."is_contacted" AS "was_contacted"
        FROM now_ n JOIN "coverage_facts" f ON f."enterprise_id" = n."enterprise_id"
       WHERE (f."is_listed", f."county_code", f."city_code", f."bank_key", f."is_assigned", f."is_contacted")
             IS DISTINCT FROM (n."is_listed", n."county_code", n."city_code", n."bank_key", n."is_assigned", n."is_contacted")
    ),
    facts AS (
      UPDATE "coverage_facts" f SET "is_listed" = c."is_listed", "county_code" = c."county_code", "city_code" = c."city_code",
             "bank_key" = c."bank_key", "is_assigned" = c."is_assigned", "is_contacted" = c."is_contacted"
        FROM changed c WHERE f."enterprise_id" = c."enterprise_id"
    ),
    delta AS (
      SELECT x.county, min(x.city) AS city, x.bank, sum(x.s)::int AS listed,
             (sum(x.s) FILTER (WHERE x.bank <> "rollup_nil"()))::int AS allocated,
             (sum(x.s) FILTER (WHERE x.assigned))::int AS assigned, (sum(x.s) FILTER (WHERE x.contacted))::int AS contacted
        FROM (SELECT "was_county" AS county, "was_city" AS city, coalesce("was_bank", "rollup_nil"()) AS bank,
                     "was_assigned" AS assigned, "was_contacted" AS contacted, -1 AS s FROM changed WHERE "was_listed"
              UNION ALL
              SELECT "county_code", "city_code", coalesce("bank_key", "rollup_nil"()), "is_assigned", "is_contacted", 1 FROM changed WHERE "is_listed") x
       GROUP BY x.county, x.bank
    )
    INSERT INTO "coverage_counts" AS c ("county_code", "city_code", "bank_key", "listed", "allocated", "assigned", "contacted")
    SELECT county, city, bank, listed, coalesce(allocated, 0), coalesce(assigned, 0), coalesce(contacted, 0)
      FROM delta WHERE (listed, coalesce(allocated, 0), coalesce(assigned, 0), coalesce(contacted, 0)) <> (0, 0, 0, 0)
     ORDER BY county, bank
    ON CONFLICT ("county_code", "bank_key") DO UPDATE SET
      "listed" = c."listed" + EXCLUDED."listed", "allocated" = c."allocated" + EXCLUDED."allocated",
      "assigned" = c."assigned" + EXCLUDED."assigned", "contacted" = c."contacted" + EXCLUDED."contacted"
  $q$, src) USING p_ids, fresh_ids;
END;
$$;

CREATE OR REPLACE FUNCTION "rollup_listing_fast_path"() RETURNS void
LANGUAGE plpgsql
-- enable_nestloop is switched off below for a big statement only; the SET clause restores it
-- when the function returns (a nine-row statement keeps its index lookups).
SET work_mem = '64MB' SET enable_mergejoin = off SET enable_nestloop = on
AS $$
-- Reads pg_temp.rollup_set_listed (enterprise_id, listed_on: the statement's enterprises and the
-- earliest listed_on of their new rows); leaves in pg_temp.rollup_set_ids the enterprises the
-- general path must refresh.
DECLARE
  t text;
  big boolean;
  n_listed bigint;
  n_fast bigint;
BEGIN
  FOREACH t IN ARRAY ARRAY['rollup_set_fast', 'rollup_set_ids'] LOOP
    IF to_regclass('pg_temp.' || t) IS NOT NULL THEN EXECUTE format('DROP TABLE pg_temp.%I', t); END IF;
  END LOOP;
  n_listed := (SELECT count(*) FROM pg_temp."rollup_set_listed");
  big := n_listed > 1000;
  IF big THEN
    ANALYZE pg_temp."rollup_set_listed";
    -- Hash joins: the anti-join estimates are poor, and 500,000 index lookups in a nested loop
    -- cost twice a hash join over the whole enterprise table (measured).
    PERFORM set_config('enable_nestloop', 'off', true);
  END IF;

  -- 1. Insert the facts rows of the enterprises without one, in enterprise order: the lock.
  --    Whether anything else counts for them is read after it (step 3).
  CREATE TEMP TABLE "rollup_set_fast" ("enterprise_id" uuid, "county_code" varchar(6), "city_code" varchar(6), "listed_on" date) ON COMMIT DROP;
  --    An enterprise this transaction created has no facts row anywhere (no other transaction
  --    can see it to write one): inserted without ON CONFLICT, whose speculative insertion cost
  --    0.7 s more for a new list's 505,000. A row this transaction only updated keeps its older
  --    created_at and takes the other insert.
  WITH cand AS MATERIALIZED (
    -- (One join, then split: a filter on xmin is estimated at one row, and a nested loop over
    -- the whole registry followed.)
    SELECT l."enterprise_id", e."county_code", e."city_code", l."listed_on", (e."xmin" = pg_current_xact_id()::xid AND e."created_at" = now()::timestamptz(3)) AS "is_own"
      FROM pg_temp."rollup_set_listed" l
      JOIN "enterprises" e ON e."id" = l."enterprise_id"
     WHERE e."first_loan_on" IS NULL
       AND NOT EXISTS (SELECT 1 FROM "rollup_enterprise_facts" f WHERE f."enterprise_id" = l."enterprise_id")),
  own AS (
    INSERT INTO "rollup_enterprise_facts" ("enterprise_id", "county_code", "city_code", "listed_on")
    SELECT c."enterprise_id", c."county_code", c."city_code", c."listed_on" FROM cand c WHERE c."is_own"
     ORDER BY c."enterprise_id"
    RETURNING "enterprise_id", "county_code", "city_code", "listed_on"),
  others AS (
    INSERT INTO "rollup_enterprise_facts" ("enterprise_id", "county_code", "city_code", "listed_on")
    SELECT c."enterprise_id", c."county_code", c."city_code", c."listed_on" FROM cand c WHERE NOT c."is_own"
     ORDER BY c."enterprise_id"
    ON CONFLICT DO NOTHING
    RETURNING "enterprise_id", "county_code", "city_code", "listed_on")
  INSERT INTO pg_temp."rollup_set_fast" SELECT * FROM own UNION ALL SELECT * FROM others;
  GET DIAGNOSTICS n_fast = ROW_COUNT;
  IF big THEN ANALYZE pg_temp."rollup_set_fast"; END IF;

  -- 2. Their counts: listed +1 per (day, county), grouped, in key order (as the set refresh).
  INSERT INTO "rollup_region_daily" AS r ("day", "county_code", "city_code", "listed")
  SELECT "listed_on", "county_code", min("city_code"), count(*)::int
    FROM pg_temp."rollup_set_fast" GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("day", "county_code") DO UPDATE SET "listed" = r."listed" + EXCLUDED."listed";
  INSERT INTO "rollup_region_monthly" AS r ("month", "county_code", "city_code", "listed")
  SELECT date_trunc('month', "listed_on")::date, "county_code", min("city_code"), count(*)::int
    FROM pg_temp."rollup_set_fast" GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("month", "county_code") DO UPDATE SET "listed" = r."listed" + EXCLUDED."listed";

  -- 3. The rest for the general path: enterprises not inserted above, and those something
  --    else counts for, read now that they are locked (a new snapshot: a client or a client
  --    facts row, a first loan, a county committed before the insert or after step 1 began).
  --    These keep the row inserted above as their old facts (counted in step 2): the set
  --    refresh moves the difference.
  --    An enterprise that already had a facts row and was already listed on or before this
  --    listing's date changes nothing: its listed_on stays the earlier date and its clients'
  --    is_listed stays true (a second list of the same enterprises). Its facts row is locked
  --    first (all of the step's rows in one pass, in enterprise order, the lock the set refresh
  --    takes), then read again: a writer that unlisted it committed before (it is then not
  --    skipped) or waits for our commit and then sees this listing.
  IF n_fast < n_listed THEN
    PERFORM count(*) FROM (
      SELECT 1 FROM "rollup_enterprise_facts" f
       WHERE f."enterprise_id" IN (SELECT l."enterprise_id" FROM pg_temp."rollup_set_listed" l
                                    WHERE NOT EXISTS (SELECT 1 FROM pg_temp."rollup_set_fast" x WHERE x."enterprise_id" = l."enterprise_id"))
       ORDER BY f."enterprise_id" FOR UPDATE) locked;
  END IF;
  CREATE TEMP TABLE "rollup_set_ids" ON COMMIT DROP AS
  SELECT l."enterprise_id" FROM pg_temp."rollup_set_listed" l
   WHERE n_fast < n_listed
     AND NOT EXISTS (SELECT 1 FROM pg_temp."rollup_set_fast" f WHERE f."enterprise_id" = l."enterprise_id")
     AND NOT EXISTS (SELECT 1 FROM "rollup_enterprise_facts" f
                      WHERE f."enterprise_id" = l."enterprise_id" AND f."listed_on" <= l."listed_on")
  UNION ALL
  SELECT f."enterprise_id" FROM pg_temp."rollup_set_fast" f
    LEFT JOIN "enterprises" e ON e."id" = f."enterprise_id"
   WHERE e."id" IS NULL OR e."first_loan_on" IS NOT NULL
      OR e."county_code" <> f."county_code" OR e."city_code" <> f."city_code"
      OR EXISTS (SELECT 1 FROM "bank_clients" b WHERE b."enterprise_id" = f."enterprise_id")
      OR EXISTS (SELECT 1 FROM "rollup_client_facts" c WHERE c."enterprise_id" = f."enterprise_id");
END;
$$;
