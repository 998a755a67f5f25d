-- Hand-written: rollup_listing_fast_path() (20261130140000) skips the enterprises a big
-- membership insert does not change: one already listed on or before the new listing's date
-- (a second list of the same enterprises — 525,000 memberships of a second province list sent
-- all of them through the general set refresh, about two thirds of that import's time). Their
-- facts rows are locked in enterprise order, then read again; everything else is as before.

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

