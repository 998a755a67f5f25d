-- Hand-written: a fast path for a big INSERT of list_memberships (a list import: ~525,000
-- memberships, almost all for enterprises inserted in the same transaction). An enterprise
-- with no rollup_enterprise_facts row, no bank_clients row and no rollup_client_facts row has,
-- by 20261130131500 (facts rows only where there is something to count), no listing, need,
-- on-site visit, approved line or first loan counted yet and no bank × enterprise subject: once
-- listed, its facts are exactly (county, city, listed_on = min(listed_on) of the new rows) and
-- its only effect is listed +1 on (listed_on, county) in the region tables. Those take this
-- path (one insert of their facts rows, grouped upserts of the day and month rows); every
-- other enterprise takes the general set refresh as before.
--
-- Locking: the facts row this inserts is the enterprise's lock, as the anchor row the row
-- functions and the set refresh insert for an enterprise without one (a writer's INSERT … ON
-- CONFLICT DO NOTHING waits for ours until commit, then sees our row). An enterprise a
-- concurrent writer inserted a facts row for (a conflict) goes to the general path, which
-- locks it. What was read before the insert is checked again after it (a new snapshot, after
-- any writer we waited for committed): an enterprise that meanwhile got a client or a first
-- loan, or moved county, also goes to the general path, which finds the row inserted here (and
-- its counts, added here too) as its old facts and moves the difference.

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
  WITH ins AS (
    INSERT INTO "rollup_enterprise_facts" ("enterprise_id", "county_code", "city_code", "listed_on")
    SELECT l."enterprise_id", e."county_code", e."city_code", l."listed_on"
      FROM pg_temp."rollup_set_listed" l
      JOIN "enterprises" e ON e."id" = l."enterprise_id"
     WHERE e."first_loan_on" IS NULL
       AND NOT EXISTS (SELECT 1 FROM "rollup_enterprise_facts" f WHERE f."enterprise_id" = l."enterprise_id")
     ORDER BY l."enterprise_id"
    ON CONFLICT DO NOTHING
    RETURNING "enterprise_id", "county_code", "city_code", "listed_on")
  INSERT INTO pg_temp."rollup_set_fast" SELECT * FROM ins;
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
  CREATE TEMP TABLE "rollup_set_ids" ON COMMIT DROP AS
  SELECT l."enterprise_id" FROM pg_temp."rollup_set_listed" l
   WHERE n_fast < n_listed
     AND NOT EXISTS (SELECT 1 FROM pg_temp."rollup_set_fast" f WHERE f."enterprise_id" = l."enterprise_id")
  UNION ALL
  SELECT f."enterprise_id" FROM pg_temp."rollup_set_fast" f
    LEFT JOIN "enterprises" e ON e."id" = f."enterprise_id"
   WHERE e."id" IS NULL OR e."first_loan_on" IS NOT NULL
      OR e."county_code" <> f."county_code" OR e."city_code" <> f."city_code"
      OR EXISTS (SELECT 1 FROM "bank_clients" b WHERE b."enterprise_id" = f."enterprise_id")
      OR EXISTS (SELECT 1 FROM "rollup_client_facts" c WHERE c."enterprise_id" = f."enterprise_id");
END;
$$;

-- list_memberships, once per statement. As in 20261130130500, but a big INSERT first takes
-- rollup_listing_fast_path() for the enterprises only this listing counts for.
CREATE OR REPLACE FUNCTION "rollup_on_memberships_statement"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  -- (Nested IFs: a condition naming the transition table another event lacks fails to plan.)
  IF TG_OP = 'INSERT' THEN
    IF (SELECT count(*) FROM "rollup_new_rows") > 8 THEN
      IF to_regclass('pg_temp.rollup_set_listed') IS NOT NULL THEN DROP TABLE pg_temp."rollup_set_listed"; END IF;
      CREATE TEMP TABLE "rollup_set_listed" ON COMMIT DROP AS
      SELECT "enterprise_id", min("listed_on") AS "listed_on" FROM "rollup_new_rows" GROUP BY 1;
      PERFORM "rollup_listing_fast_path"();
      PERFORM "rollup_refresh_temp_ids"(false);
      RETURN NULL;
    END IF;
    SELECT array_agg(DISTINCT t."enterprise_id") INTO ids FROM "rollup_new_rows" t;
  ELSIF TG_OP = 'DELETE' THEN
    IF (SELECT count(*) FROM "rollup_old_rows") > 8 THEN
      IF to_regclass('pg_temp.rollup_set_ids') IS NOT NULL THEN DROP TABLE pg_temp."rollup_set_ids"; END IF;
      CREATE TEMP TABLE "rollup_set_ids" ON COMMIT DROP AS SELECT DISTINCT "enterprise_id" FROM "rollup_old_rows";
      PERFORM "rollup_refresh_temp_ids"(false);
      RETURN NULL;
    END IF;
    SELECT array_agg(DISTINCT t."enterprise_id") INTO ids FROM "rollup_old_rows" t;
  ELSE
    SELECT array_agg(DISTINCT x."enterprise_id") INTO ids FROM (
      (SELECT "enterprise_id", "listed_on" FROM "rollup_old_rows" EXCEPT SELECT "enterprise_id", "listed_on" FROM "rollup_new_rows")
      UNION ALL
      (SELECT "enterprise_id", "listed_on" FROM "rollup_new_rows" EXCEPT SELECT "enterprise_id", "listed_on" FROM "rollup_old_rows")
    ) x;
  END IF;
  PERFORM "rollup_refresh_enterprises"(ids);
  RETURN NULL;
END;
$$;
