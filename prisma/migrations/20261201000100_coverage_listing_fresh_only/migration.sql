-- ───────────────────────── Hand-written ─────────────────────────
-- coverage_refresh() for a new province list (505,000 enterprises new to coverage, measured in
-- the INSERT of their memberships): step 1 joins the set to the registry by hashing instead of
-- a merge join over the whole primary key of enterprises, and when step 1 took every enterprise
-- of the set (all were new to coverage) the function ends there: steps 2 and 3 would read the
-- set five more times to find nothing (≈ 0.25 s each at that size). Same results otherwise.

CREATE OR REPLACE FUNCTION "coverage_refresh"(p_ids uuid[]) RETURNS void
LANGUAGE plpgsql SET work_mem = '64MB' AS $$
DECLARE
  src text;
  fresh_ids uuid[];
  n_ids bigint;
  prev_mergejoin text;
BEGIN
  IF p_ids IS NULL OR cardinality(p_ids) = 0 THEN RETURN; END IF;
  IF cardinality(p_ids) > 1000 THEN
    IF to_regclass('pg_temp.coverage_set_ids') IS NOT NULL THEN DROP TABLE pg_temp."coverage_set_ids"; END IF;
    CREATE TEMP TABLE "coverage_set_ids" ON COMMIT DROP AS SELECT DISTINCT x AS "enterprise_id" FROM unnest(p_ids) x;
    GET DIAGNOSTICS n_ids = ROW_COUNT;
    ANALYZE pg_temp."coverage_set_ids";
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
  --    A big set (a new list) is joined to the registry by hashing: the merge join the planner
  --    picks walks the whole primary key of enterprises (0.8 s of 4 s for 505,000 measured).
  prev_mergejoin := current_setting('enable_mergejoin');
  IF n_ids > 1000 THEN PERFORM set_config('enable_mergejoin', 'off', true); END IF;
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
  PERFORM set_config('enable_mergejoin', prev_mergejoin, true);
  -- Every enterprise was new to coverage (a list of enterprises the registry just gained):
  -- nothing is left for the general path, whose five passes over the set would find nothing.
  IF cardinality(fresh_ids) = n_ids THEN RETURN; END IF;
  IF fresh_ids IS NOT NULL THEN
    src := format('SELECT i."enterprise_id" FROM (%s) i WHERE i."enterprise_id" <> ALL ($2)', src);
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
