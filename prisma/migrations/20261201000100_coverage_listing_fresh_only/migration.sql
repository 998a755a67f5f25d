-- ───────────────────────── Hand-written ─────────────────────────
-- Coverage for a new province list (505,000 enterprises new to coverage, 20,000 known; measured
-- in the INSERT of their memberships, 10.3 s of 18.8 s):
--   * coverage_refresh() step 1 joins a big set to the registry by hashing instead of a merge
--     join over the whole primary key of enterprises;
--   * the enterprises step 1 did not take go to steps 2 and 3 in a temporary table, instead of
--     an array of those it took: as a constant of 505,000 elements it cost seconds of planning
--     in each of four statements (the estimate of `<> ALL (array)` goes element by element);
--   * when step 1 took every enterprise of the set, the function ends there;
--   * coverage_on_statement() for new memberships finds the enterprises not yet counted as
--     listed by joining its transition table to coverage_facts, not through an array of all
--     525,000 (same reason); for changed clients it finds the listed ones in one statement
--     instead of two sorted arrays of a bulk move's 100,000 (0.27 s of a 5 s move).
-- Same results otherwise (tests/integration/allocation-coverage.test.ts, rollups-recount).

CREATE OR REPLACE FUNCTION "coverage_refresh"(p_ids uuid[]) RETURNS void
LANGUAGE plpgsql SET work_mem = '64MB' AS $$
DECLARE
  src text;
  fresh_ids uuid[];
  big boolean;
  n_ids bigint;
  n_fresh bigint;
  n_rest bigint;
  prev_mergejoin text;
BEGIN
  IF p_ids IS NULL OR cardinality(p_ids) = 0 THEN RETURN; END IF;
  big := cardinality(p_ids) > 1000;
  IF big THEN
    IF to_regclass('pg_temp.coverage_set_ids') IS NOT NULL THEN DROP TABLE pg_temp."coverage_set_ids"; END IF;
    CREATE TEMP TABLE "coverage_set_ids" ON COMMIT DROP AS SELECT DISTINCT x AS "enterprise_id" FROM unnest(p_ids) x;
    GET DIAGNOSTICS n_ids = ROW_COUNT;
    ANALYZE pg_temp."coverage_set_ids";
    IF to_regclass('pg_temp.coverage_rest_ids') IS NOT NULL THEN DROP TABLE pg_temp."coverage_rest_ids"; END IF;
    CREATE TEMP TABLE "coverage_rest_ids" ("enterprise_id" uuid) ON COMMIT DROP;
    src := 'SELECT "enterprise_id" FROM pg_temp."coverage_set_ids"';
  ELSE
    src := 'SELECT DISTINCT x AS "enterprise_id" FROM unnest($1) x';
    n_ids := (SELECT count(DISTINCT x) FROM unnest(p_ids) x);
  END IF;

  -- 1. Enterprises coverage has not seen yet (most of a new list's): one has no allocation and
  --    no client (every statement creating one refreshes it, coverage_rebuild() writes a row
  --    for each), so what it counts is known from the registry and the lists alone. Its new
  --    facts row is written and counted at once; its insert is its lock (a concurrent writer
  --    of the same enterprise waits on it, then takes the general path below).
  --    A big set (a new list) is joined to the registry by hashing (the merge join the planner
  --    picks walks the whole primary key of enterprises: 0.8 s of 4 s for 505,000), and the
  --    enterprises step 1 did not take go on in a temporary table of their own (20,000 known of
  --    a new list): an array of the 505,000 it took, handed to the later statements as a
  --    constant, cost seconds of planning (the planner estimates `<> ALL (array)` element by
  --    element); deleting those from the set's table cost 3 s.
  IF big THEN
    prev_mergejoin := current_setting('enable_mergejoin');
    PERFORM set_config('enable_mergejoin', 'off', true);
    EXECUTE format($q$
    WITH fresh AS (
      INSERT INTO "coverage_facts" ("enterprise_id", "is_listed", "county_code", "city_code")
      SELECT e."id", EXISTS (SELECT 1 FROM "list_memberships" m WHERE m."enterprise_id" = e."id"), e."county_code", e."city_code"
        FROM (%s) i JOIN "enterprises" e ON e."id" = i."enterprise_id" ORDER BY 1
      ON CONFLICT DO NOTHING
      RETURNING "enterprise_id", "is_listed", "county_code", "city_code"
    ),
    counted AS (
      INSERT INTO "coverage_counts" AS c ("county_code", "city_code", "bank_key", "listed")
      SELECT "county_code", min("city_code"), "rollup_nil"(), count(*)::int FROM fresh WHERE "is_listed" GROUP BY 1 ORDER BY 1
      ON CONFLICT ("county_code", "bank_key") DO UPDATE SET "listed" = c."listed" + EXCLUDED."listed"
    )
    INSERT INTO pg_temp."coverage_rest_ids"
    SELECT s."enterprise_id" FROM pg_temp."coverage_set_ids" s
     WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f."enterprise_id" = s."enterprise_id")$q$, src);
    GET DIAGNOSTICS n_rest = ROW_COUNT;
    n_fresh := n_ids - n_rest;
    PERFORM set_config('enable_mergejoin', prev_mergejoin, true);
    src := 'SELECT "enterprise_id" FROM pg_temp."coverage_rest_ids"';
  ELSE
    EXECUTE format($q$
    WITH fresh AS (
      INSERT INTO "coverage_facts" ("enterprise_id", "is_listed", "county_code", "city_code")
      SELECT e."id", EXISTS (SELECT 1 FROM "list_memberships" m WHERE m."enterprise_id" = e."id"), e."county_code", e."city_code"
        FROM (%s) i JOIN "enterprises" e ON e."id" = i."enterprise_id" ORDER BY 1
      ON CONFLICT DO NOTHING
      RETURNING "enterprise_id", "is_listed", "county_code", "city_code"
    ),
    counted AS (
      INSERT INTO "coverage_counts" AS c ("county_code", "city_code", "bank_key", "listed")
      SELECT "county_code", min("city_code"), "rollup_nil"(), count(*)::int FROM fresh WHERE "is_listed" GROUP BY 1 ORDER BY 1
      ON CONFLICT ("county_code", "bank_key") DO UPDATE SET "listed" = c."listed" + EXCLUDED."listed"
    )
    SELECT array_agg("enterprise_id") FROM fresh$q$, src) INTO fresh_ids USING p_ids;
    n_fresh := coalesce(cardinality(fresh_ids), 0);
    IF fresh_ids IS NOT NULL THEN
      src := format('SELECT i."enterprise_id" FROM (%s) i WHERE i."enterprise_id" <> ALL ($2)', src);
    END IF;
  END IF;
  -- Every enterprise was new to coverage (a list of enterprises the registry just gained):
  -- nothing is left for the general path.
  IF n_fresh = n_ids THEN RETURN; END IF;

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

CREATE OR REPLACE FUNCTION "coverage_on_statement"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  prev_nestloop text;
BEGIN
  -- (Nested IFs: a query naming a transition table the event lacks fails to plan.)
  IF TG_OP = 'INSERT' THEN
    IF TG_TABLE_NAME = 'list_memberships' THEN
      -- One more list changes nothing for an enterprise already counted as listed (a second
      -- list of known enterprises). Key-share locked: a refresh (which takes the row for update)
      -- that unlists one has committed, and the row is then not skipped, or waits for us.
      -- Hash-joined to the transition table (an array of a province list's ids as a constant
      -- costs seconds of planning; a nested loop, 525,000 index probes).
      prev_nestloop := current_setting('enable_nestloop');
      PERFORM set_config('enable_nestloop', 'off', true);
      PERFORM count(*) FROM (SELECT 1 FROM "coverage_facts" f
                              WHERE f."enterprise_id" IN (SELECT t."enterprise_id" FROM "coverage_new" t) AND f."is_listed"
                              ORDER BY f."enterprise_id" FOR KEY SHARE) l;
      SELECT array_agg(DISTINCT t."enterprise_id") INTO ids FROM "coverage_new" t
       WHERE NOT EXISTS (SELECT 1 FROM "coverage_facts" f WHERE f."enterprise_id" = t."enterprise_id" AND f."is_listed");
      PERFORM set_config('enable_nestloop', prev_nestloop, true);
    ELSE
      SELECT array_agg(DISTINCT t."enterprise_id") INTO ids FROM "coverage_new" t;
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT t."enterprise_id") INTO ids FROM "coverage_old" t;
  ELSIF TG_TABLE_NAME = 'bank_clients' THEN
    -- Only what coverage reads of a client: whether it has a manager, a last contact date.
    -- OLD and NEW paired by client id in one hash join (see above); a changed client gives
    -- its new bank × enterprise, and its old one too where that differs. Such a change counts
    -- only where its enterprise is listed and its bank is the responsible one: a reassignment
    -- of clients nobody counts (most of a bulk move outside the lists) refreshes nothing.
    -- Read without locking the facts: this statement holds the changed clients' row locks, and
    -- coverage_refresh() shared-locks the clients it reads, so a refresh that listed or
    -- allocated one of these enterprises has committed (its facts are seen here) or reads this
    -- change after our commit. One statement (a bulk move's 100,000 pairs were two sorted
    -- arrays before: 0.27 s); hashed against the facts only for a big statement (a single
    -- client's change looks its facts row up by key).
    prev_nestloop := current_setting('enable_nestloop');
    IF (SELECT count(*) FROM "coverage_new") > 1000 THEN PERFORM set_config('enable_nestloop', 'off', true); END IF;
    SELECT array_agg(DISTINCT f."enterprise_id") INTO ids
      FROM "coverage_new" n FULL JOIN "coverage_old" o ON o."id" = n."id"
      CROSS JOIN LATERAL (VALUES (true, n."enterprise_id", n."bank_id"), (false, o."enterprise_id", o."bank_id")) x("is_new", "enterprise_id", "bank_id")
      JOIN "coverage_facts" f ON f."enterprise_id" = x."enterprise_id" AND f."bank_key" = x."bank_id"
     WHERE (o."bank_id", o."enterprise_id", o."manager_id" IS NULL, o."last_contact_at" IS NULL)
           IS DISTINCT FROM (n."bank_id", n."enterprise_id", n."manager_id" IS NULL, n."last_contact_at" IS NULL)
       AND x."enterprise_id" IS NOT NULL
       AND (x."is_new" OR (o."enterprise_id", o."bank_id") IS DISTINCT FROM (n."enterprise_id", n."bank_id"))
       AND f."is_listed";
    PERFORM set_config('enable_nestloop', prev_nestloop, true);
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
$$;
ALTER FUNCTION "coverage_on_statement"() SET work_mem = '64MB';
