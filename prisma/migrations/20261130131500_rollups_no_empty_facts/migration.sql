-- Hand-written: facts rows exist only where there is something to count, on every path, so
-- the live rollups and a rebuild hold the same rows (tests/support/allocation.ts compares
-- them all): an enterprise without any fact (not listed, no need, visit, credit or first
-- loan) keeps no rollup_enterprise_facts row, and a bank × enterprise without a client row
-- and without a fact keeps no rollup_client_facts row (a removed client, a phone visit only).
-- The row functions and the set refresh insert an empty enterprise row only to anchor the
-- lock and delete it again before they return (the lock holds until commit all the same); the
-- rebuild makes none. Figures are unchanged. The rebuild at the end drops the empty rows left
-- by earlier versions.

CREATE OR REPLACE FUNCTION "rollup_refresh_enterprise"(p_enterprise uuid)
 RETURNS boolean
 LANGUAGE plpgsql
AS $function$
DECLARE
  o "rollup_enterprise_facts";
  n "rollup_enterprise_facts";
  e record;
  same_place boolean;
  was_listed boolean;
  is_listed boolean;
BEGIN
  IF p_enterprise IS NULL THEN RETURN false; END IF;
  SELECT "id", "county_code", "city_code", "first_loan_on", "first_loan_amount" INTO e
    FROM "enterprises" WHERE "id" = p_enterprise;

  SELECT * INTO o FROM "rollup_enterprise_facts" WHERE "enterprise_id" = p_enterprise FOR UPDATE;
  IF NOT FOUND THEN
    IF e."id" IS NULL THEN RETURN false; END IF;
    INSERT INTO "rollup_enterprise_facts" ("enterprise_id", "county_code", "city_code")
    VALUES (p_enterprise, e."county_code", e."city_code") ON CONFLICT DO NOTHING;
    SELECT * INTO o FROM "rollup_enterprise_facts" WHERE "enterprise_id" = p_enterprise FOR UPDATE;
  END IF;

  n."enterprise_id" := p_enterprise;
  n."county_code" := coalesce(e."county_code", o."county_code");
  n."city_code" := coalesce(e."city_code", o."city_code");
  IF e."id" IS NOT NULL THEN
    n."listed_on" := (SELECT min("listed_on") FROM "list_memberships" WHERE "enterprise_id" = p_enterprise);
    n."need_on" := (SELECT min("raised_on") FROM "financing_needs" WHERE "enterprise_id" = p_enterprise);
    n."visit_on" := (SELECT min("visited_on") FROM "visits" WHERE "enterprise_id" = p_enterprise AND "mode" = 'ON_SITE');
    n."credit_on" := (SELECT min("decided_on") FROM "credit_lines"
                       WHERE "enterprise_id" = p_enterprise AND "status" = 'APPROVED');
    n."first_loan_on" := e."first_loan_on";
    n."first_loan_amount" := CASE WHEN e."first_loan_on" IS NULL THEN NULL ELSE coalesce(e."first_loan_amount", 0) END;
  END IF;

  IF o IS NOT DISTINCT FROM n THEN
    -- An enterprise without any fact keeps no row (the rebuild makes none either); the row
    -- inserted above only anchored the lock, which holds until commit all the same.
    IF coalesce(n."listed_on", n."need_on", n."visit_on", n."credit_on", n."first_loan_on") IS NULL THEN
      DELETE FROM "rollup_enterprise_facts" WHERE "enterprise_id" = p_enterprise;
    END IF;
    RETURN false;
  END IF;

  same_place := o."county_code" = n."county_code";
  was_listed := o."listed_on" IS NOT NULL;
  is_listed := n."listed_on" IS NOT NULL;

  IF NOT same_place OR o."listed_on" IS DISTINCT FROM n."listed_on" THEN
    IF was_listed THEN PERFORM "rollup_bump_region"(o."listed_on", o."county_code", o."city_code", -1, 0, 0, 0, 0, 0, 0); END IF;
    IF is_listed THEN PERFORM "rollup_bump_region"(n."listed_on", n."county_code", n."city_code", 1, 0, 0, 0, 0, 0, 0); END IF;
  END IF;
  IF NOT same_place OR was_listed <> is_listed OR o."need_on" IS DISTINCT FROM n."need_on" THEN
    IF was_listed THEN PERFORM "rollup_bump_region"(o."need_on", o."county_code", o."city_code", 0, -1, 0, 0, 0, 0, 0); END IF;
    IF is_listed THEN PERFORM "rollup_bump_region"(n."need_on", n."county_code", n."city_code", 0, 1, 0, 0, 0, 0, 0); END IF;
  END IF;
  IF NOT same_place OR was_listed <> is_listed OR o."visit_on" IS DISTINCT FROM n."visit_on" THEN
    IF was_listed THEN PERFORM "rollup_bump_region"(o."visit_on", o."county_code", o."city_code", 0, 0, -1, 0, 0, 0, 0); END IF;
    IF is_listed THEN PERFORM "rollup_bump_region"(n."visit_on", n."county_code", n."city_code", 0, 0, 1, 0, 0, 0, 0); END IF;
  END IF;
  IF NOT same_place OR was_listed <> is_listed OR o."credit_on" IS DISTINCT FROM n."credit_on" THEN
    IF was_listed THEN PERFORM "rollup_bump_region"(o."credit_on", o."county_code", o."city_code", 0, 0, 0, -1, 0, 0, 0); END IF;
    IF is_listed THEN PERFORM "rollup_bump_region"(n."credit_on", n."county_code", n."city_code", 0, 0, 0, 1, 0, 0, 0); END IF;
  END IF;
  IF NOT same_place OR o."first_loan_on" IS DISTINCT FROM n."first_loan_on"
     OR o."first_loan_amount" IS DISTINCT FROM n."first_loan_amount" THEN
    PERFORM "rollup_bump_region"(o."first_loan_on", o."county_code", o."city_code", 0, 0, 0, 0, 0, -1, -coalesce(o."first_loan_amount", 0));
    PERFORM "rollup_bump_region"(n."first_loan_on", n."county_code", n."city_code", 0, 0, 0, 0, 0, 1, coalesce(n."first_loan_amount", 0));
  END IF;
  IF NOT same_place OR was_listed <> is_listed THEN
    IF was_listed THEN PERFORM "rollup_move_region_lines"(p_enterprise, o."county_code", o."city_code", -1); END IF;
    IF is_listed THEN PERFORM "rollup_move_region_lines"(p_enterprise, n."county_code", n."city_code", 1); END IF;
  END IF;

  IF e."id" IS NULL OR coalesce(n."listed_on", n."need_on", n."visit_on", n."credit_on", n."first_loan_on") IS NULL THEN
    DELETE FROM "rollup_enterprise_facts" WHERE "enterprise_id" = p_enterprise;
  ELSE
    UPDATE "rollup_enterprise_facts" SET
      "county_code" = n."county_code", "city_code" = n."city_code", "listed_on" = n."listed_on",
      "need_on" = n."need_on", "visit_on" = n."visit_on", "credit_on" = n."credit_on",
      "first_loan_on" = n."first_loan_on", "first_loan_amount" = n."first_loan_amount"
    WHERE "enterprise_id" = p_enterprise;
  END IF;
  RETURN NOT same_place OR was_listed <> is_listed;
END;
$function$;

CREATE OR REPLACE FUNCTION "rollup_refresh_client"(p_bank uuid, p_enterprise uuid)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE
  o "rollup_client_facts";
  n "rollup_client_facts";
  e record;
  bc record;
  k record;
  nil uuid := "rollup_nil"();
  same_place boolean;
  gate_moved boolean;
BEGIN
  IF p_bank IS NULL OR p_enterprise IS NULL THEN RETURN; END IF;
  SELECT "id", "county_code", "city_code", "first_loan_on", "first_loan_bank_id", "first_loan_amount" INTO e
    FROM "enterprises" WHERE "id" = p_enterprise;

  SELECT * INTO o FROM "rollup_client_facts" WHERE "bank_id" = p_bank AND "enterprise_id" = p_enterprise FOR UPDATE;
  IF NOT FOUND THEN
    IF e."id" IS NULL THEN RETURN; END IF;
    INSERT INTO "rollup_client_facts" ("bank_id", "enterprise_id", "county_code", "city_code", "branch_key", "manager_key", "is_listed")
    VALUES (p_bank, p_enterprise, e."county_code", e."city_code", nil, nil, false)
    ON CONFLICT DO NOTHING;
    SELECT * INTO o FROM "rollup_client_facts" WHERE "bank_id" = p_bank AND "enterprise_id" = p_enterprise FOR UPDATE;
  END IF;

  SELECT "branch_id", "manager_id", "created_at" INTO bc
    FROM "bank_clients" WHERE "bank_id" = p_bank AND "enterprise_id" = p_enterprise;

  n."bank_id" := p_bank;
  n."enterprise_id" := p_enterprise;
  n."county_code" := coalesce(e."county_code", o."county_code");
  n."city_code" := coalesce(e."city_code", o."city_code");
  n."branch_key" := coalesce(bc."branch_id", nil);
  n."manager_key" := coalesce(bc."manager_id", nil);
  n."is_listed" := e."id" IS NOT NULL AND EXISTS (SELECT 1 FROM "list_memberships" WHERE "enterprise_id" = p_enterprise);
  n."pooled_on" := (bc."created_at" AT TIME ZONE 'Asia/Shanghai')::date;
  n."need_branch" := nil; n."need_manager" := nil;
  n."visit_branch" := nil; n."visit_manager" := nil;
  n."credit_branch" := nil; n."credit_manager" := nil;
  n."loan_branch" := nil; n."loan_manager" := nil;
  IF e."id" IS NOT NULL THEN
    SELECT fn."raised_on" AS day, v."id" AS visit_id, v."branch_id", v."user_id" INTO k
      FROM "financing_needs" fn LEFT JOIN "visits" v ON v."id" = fn."visit_id"
     WHERE fn."enterprise_id" = p_enterprise AND fn."bank_id" = p_bank
     ORDER BY fn."raised_on", fn."created_at", fn."id" LIMIT 1;
    IF FOUND THEN
      n."need_on" := k.day;
      IF k.visit_id IS NOT NULL THEN
        n."need_branch" := k."branch_id"; n."need_manager" := k."user_id";
      ELSE
        n."need_branch" := n."branch_key"; n."need_manager" := n."manager_key";
      END IF;
    END IF;
    SELECT "visited_on" AS day, "branch_id", "user_id" INTO k
      FROM "visits"
     WHERE "enterprise_id" = p_enterprise AND "bank_id" = p_bank AND "mode" = 'ON_SITE'
     ORDER BY "visited_on", "created_at", "id" LIMIT 1;
    IF FOUND THEN
      n."visit_on" := k.day; n."visit_branch" := k."branch_id"; n."visit_manager" := k."user_id";
    END IF;
    SELECT "decided_on" AS day, "branch_id", "proposed_by_id" INTO k
      FROM "credit_lines"
     WHERE "enterprise_id" = p_enterprise AND "bank_id" = p_bank AND "status" = 'APPROVED' AND "decided_on" IS NOT NULL
     ORDER BY "decided_on", "proposed_at", "id" LIMIT 1;
    IF FOUND THEN
      n."credit_on" := k.day; n."credit_branch" := k."branch_id"; n."credit_manager" := k."proposed_by_id";
    END IF;
    IF e."first_loan_bank_id" = p_bank AND e."first_loan_on" IS NOT NULL THEN
      n."first_loan_on" := e."first_loan_on";
      n."first_loan_amount" := coalesce(e."first_loan_amount", 0);
      SELECT l."branch_id", l."proposed_by_id" INTO k
        FROM "disbursements" d JOIN "credit_lines" l ON l."id" = d."credit_line_id"
       WHERE d."enterprise_id" = p_enterprise AND d."bank_id" = p_bank AND d."is_first_ever"
       ORDER BY d."disbursed_on", d."created_at", d."id" LIMIT 1;
      IF FOUND THEN
        n."loan_branch" := k."branch_id"; n."loan_manager" := k."proposed_by_id";
      ELSE
        n."loan_branch" := n."branch_key"; n."loan_manager" := n."manager_key";
      END IF;
    END IF;
  ELSE
    n."is_listed" := false;
  END IF;

  IF o IS NOT DISTINCT FROM n THEN
    -- A bank × enterprise with no client row and no fact keeps no row (as in the rebuild).
    IF n."pooled_on" IS NULL AND coalesce(n."need_on", n."visit_on", n."credit_on", n."first_loan_on") IS NULL THEN
      DELETE FROM "rollup_client_facts" WHERE "bank_id" = p_bank AND "enterprise_id" = p_enterprise;
    END IF;
    RETURN;
  END IF;

  same_place := o."county_code" = n."county_code";
  gate_moved := NOT same_place OR o."is_listed" <> n."is_listed";

  IF gate_moved OR o."pooled_on" IS DISTINCT FROM n."pooled_on"
     OR o."branch_key" <> n."branch_key" OR o."manager_key" <> n."manager_key" THEN
    IF o."is_listed" THEN PERFORM "rollup_bump_bank"(o."pooled_on", o."county_code", o."city_code", p_bank, o."branch_key", o."manager_key", -1, 0, 0, 0, 0, 0, 0); END IF;
    IF n."is_listed" THEN PERFORM "rollup_bump_bank"(n."pooled_on", n."county_code", n."city_code", p_bank, n."branch_key", n."manager_key", 1, 0, 0, 0, 0, 0, 0); END IF;
  END IF;
  IF gate_moved OR o."need_on" IS DISTINCT FROM n."need_on"
     OR o."need_branch" <> n."need_branch" OR o."need_manager" <> n."need_manager" THEN
    IF o."is_listed" THEN PERFORM "rollup_bump_bank"(o."need_on", o."county_code", o."city_code", p_bank, o."need_branch", o."need_manager", 0, -1, 0, 0, 0, 0, 0); END IF;
    IF n."is_listed" THEN PERFORM "rollup_bump_bank"(n."need_on", n."county_code", n."city_code", p_bank, n."need_branch", n."need_manager", 0, 1, 0, 0, 0, 0, 0); END IF;
  END IF;
  IF gate_moved OR o."visit_on" IS DISTINCT FROM n."visit_on"
     OR o."visit_branch" <> n."visit_branch" OR o."visit_manager" <> n."visit_manager" THEN
    IF o."is_listed" THEN PERFORM "rollup_bump_bank"(o."visit_on", o."county_code", o."city_code", p_bank, o."visit_branch", o."visit_manager", 0, 0, -1, 0, 0, 0, 0); END IF;
    IF n."is_listed" THEN PERFORM "rollup_bump_bank"(n."visit_on", n."county_code", n."city_code", p_bank, n."visit_branch", n."visit_manager", 0, 0, 1, 0, 0, 0, 0); END IF;
  END IF;
  IF gate_moved OR o."credit_on" IS DISTINCT FROM n."credit_on"
     OR o."credit_branch" <> n."credit_branch" OR o."credit_manager" <> n."credit_manager" THEN
    IF o."is_listed" THEN PERFORM "rollup_bump_bank"(o."credit_on", o."county_code", o."city_code", p_bank, o."credit_branch", o."credit_manager", 0, 0, 0, -1, 0, 0, 0); END IF;
    IF n."is_listed" THEN PERFORM "rollup_bump_bank"(n."credit_on", n."county_code", n."city_code", p_bank, n."credit_branch", n."credit_manager", 0, 0, 0, 1, 0, 0, 0); END IF;
  END IF;
  IF NOT same_place OR o."first_loan_on" IS DISTINCT FROM n."first_loan_on"
     OR o."first_loan_amount" IS DISTINCT FROM n."first_loan_amount"
     OR o."loan_branch" <> n."loan_branch" OR o."loan_manager" <> n."loan_manager" THEN
    PERFORM "rollup_bump_bank"(o."first_loan_on", o."county_code", o."city_code", p_bank, o."loan_branch", o."loan_manager", 0, 0, 0, 0, 0, -1, -coalesce(o."first_loan_amount", 0));
    PERFORM "rollup_bump_bank"(n."first_loan_on", n."county_code", n."city_code", p_bank, n."loan_branch", n."loan_manager", 0, 0, 0, 0, 0, 1, coalesce(n."first_loan_amount", 0));
  END IF;
  IF gate_moved THEN
    IF o."is_listed" THEN PERFORM "rollup_move_bank_lines"(p_bank, p_enterprise, o."county_code", o."city_code", -1); END IF;
    IF n."is_listed" THEN PERFORM "rollup_move_bank_lines"(p_bank, p_enterprise, n."county_code", n."city_code", 1); END IF;
  END IF;

  IF n."pooled_on" IS NULL AND coalesce(n."need_on", n."visit_on", n."credit_on", n."first_loan_on") IS NULL THEN
    DELETE FROM "rollup_client_facts" WHERE "bank_id" = p_bank AND "enterprise_id" = p_enterprise;
    RETURN;
  END IF;
  UPDATE "rollup_client_facts" SET
    "county_code" = n."county_code", "city_code" = n."city_code", "branch_key" = n."branch_key",
    "manager_key" = n."manager_key", "is_listed" = n."is_listed", "pooled_on" = n."pooled_on",
    "need_on" = n."need_on", "visit_on" = n."visit_on", "credit_on" = n."credit_on",
    "first_loan_on" = n."first_loan_on", "first_loan_amount" = n."first_loan_amount",
    "need_branch" = n."need_branch", "need_manager" = n."need_manager",
    "visit_branch" = n."visit_branch", "visit_manager" = n."visit_manager",
    "credit_branch" = n."credit_branch", "credit_manager" = n."credit_manager",
    "loan_branch" = n."loan_branch", "loan_manager" = n."loan_manager"
  WHERE "bank_id" = p_bank AND "enterprise_id" = p_enterprise;
END;
$function$;

-- Refreshes the enterprises listed in the temporary table rollup_set_ids (enterprise_id) and
-- every bank × enterprise subject of them: the same facts and the same daily/monthly totals
-- as rollup_refresh_enterprise_all() one by one, in a few set-based statements. Assumes
-- credit_lines did not change in the statement that fired it (see 20261130120009's header).
--   p_clients_only: only bank_clients changed, so the enterprise facts (which do not depend
--     on bank_clients) are locked but not recomputed;
--   p_rebuild: the rollup tables were just emptied, so subjects are also found from needs,
--     visits and lines (live, every such subject already has a facts row).
CREATE OR REPLACE FUNCTION "rollup_refresh_set"(p_clients_only boolean, p_rebuild boolean) RETURNS void
LANGUAGE plpgsql
-- Its statements join temporary tables of up to a province's enterprises: hash joins in memory,
-- not merge joins walking whole indexes of the fact tables (measured: 3× the time).
SET work_mem = '64MB' SET enable_mergejoin = off
AS $$
DECLARE
  nil uuid := "rollup_nil"();
  redo uuid[];
  one_id uuid;
  big boolean;
  t text;
  n_ids bigint;
  n_locked bigint;
BEGIN
  FOREACH t IN ARRAY ARRAY['rollup_set_ef_old', 'rollup_set_ef_new', 'rollup_set_ef_diff', 'rollup_set_region_delta',
      'rollup_set_pairs', 'rollup_set_cf_old', 'rollup_set_cf_new', 'rollup_set_cf_diff', 'rollup_set_bank_delta'] LOOP
    IF to_regclass('pg_temp.' || t) IS NOT NULL THEN EXECUTE format('DROP TABLE pg_temp.%I', t); END IF;
  END LOOP;
  n_ids := (SELECT count(*) FROM pg_temp."rollup_set_ids");
  big := n_ids > 1000;
  IF big THEN ANALYZE pg_temp."rollup_set_ids"; END IF;

  -- 1. Lock the existing facts rows in enterprise order (row writers take the same lock first).
  SELECT count(*) INTO n_locked FROM (
    SELECT 1 FROM "rollup_enterprise_facts" f
     WHERE f."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids")
     ORDER BY f."enterprise_id" FOR UPDATE) l;
  IF p_clients_only AND n_locked < n_ids THEN
    -- No enterprise facts are computed here: an enterprise without a row gets the empty row
    -- the row functions would insert (its facts are all null, or it would have a row).
    INSERT INTO "rollup_enterprise_facts" ("enterprise_id", "county_code", "city_code")
    SELECT e."id", e."county_code", e."city_code" FROM "enterprises" e
     WHERE e."id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids")
       AND NOT EXISTS (SELECT 1 FROM "rollup_enterprise_facts" f WHERE f."enterprise_id" = e."id")
     ORDER BY e."id"
    ON CONFLICT DO NOTHING;
    PERFORM 1 FROM "rollup_enterprise_facts" f
     WHERE f."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids")
     ORDER BY f."enterprise_id" FOR UPDATE;
  END IF;

  IF NOT p_clients_only THEN

  -- 2. Old and new enterprise facts (a statement after the lock sees what the writers we
  --    waited for committed).
  CREATE TEMP TABLE "rollup_set_ef_old" ON COMMIT DROP AS
  SELECT f.* FROM "rollup_enterprise_facts" f
   WHERE f."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids");

  CREATE TEMP TABLE "rollup_set_ef_new" ON COMMIT DROP AS
  SELECT i."enterprise_id",
         coalesce(e."county_code", o."county_code") AS "county_code",
         coalesce(e."city_code", o."city_code") AS "city_code",
         CASE WHEN e."id" IS NOT NULL THEN lm.d END AS "listed_on",
         CASE WHEN e."id" IS NOT NULL THEN fn.d END AS "need_on",
         CASE WHEN e."id" IS NOT NULL THEN v.d END AS "visit_on",
         CASE WHEN e."id" IS NOT NULL THEN cl.d END AS "credit_on",
         e."first_loan_on",
         CASE WHEN e."first_loan_on" IS NULL THEN NULL ELSE coalesce(e."first_loan_amount", 0) END AS "first_loan_amount",
         o."enterprise_id" IS NULL AS fresh,
         e."id" IS NULL AS gone
    FROM pg_temp."rollup_set_ids" i
    LEFT JOIN "enterprises" e ON e."id" = i."enterprise_id"
    LEFT JOIN pg_temp."rollup_set_ef_old" o ON o."enterprise_id" = i."enterprise_id"
    LEFT JOIN (SELECT m."enterprise_id", min(m."listed_on") d FROM "list_memberships" m
                WHERE m."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids") GROUP BY 1) lm
           ON lm."enterprise_id" = i."enterprise_id"
    LEFT JOIN (SELECT t."enterprise_id", min(t."raised_on") d FROM "financing_needs" t
                WHERE t."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids") GROUP BY 1) fn
           ON fn."enterprise_id" = i."enterprise_id"
    LEFT JOIN (SELECT t."enterprise_id", min(t."visited_on") d FROM "visits" t
                WHERE t."mode" = 'ON_SITE' AND t."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids") GROUP BY 1) v
           ON v."enterprise_id" = i."enterprise_id"
    LEFT JOIN (SELECT t."enterprise_id", min(t."decided_on") d FROM "credit_lines" t
                WHERE t."status" = 'APPROVED' AND t."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids") GROUP BY 1) cl
           ON cl."enterprise_id" = i."enterprise_id"
   WHERE e."id" IS NOT NULL OR o."enterprise_id" IS NOT NULL;

  -- 3. Enterprises without a facts row: insert their new facts directly (old = nothing). One
  --    that a concurrent writer inserted meanwhile is left to the row functions (step 9).
  --    Enterprises without any fact keep no row (as with the row functions and the rebuild).
  WITH ins AS (
    INSERT INTO "rollup_enterprise_facts"
      ("enterprise_id", "county_code", "city_code", "listed_on", "need_on", "visit_on", "credit_on", "first_loan_on", "first_loan_amount")
    SELECT "enterprise_id", "county_code", "city_code", "listed_on", "need_on", "visit_on", "credit_on", "first_loan_on", "first_loan_amount"
      FROM pg_temp."rollup_set_ef_new"
     WHERE fresh AND NOT gone
       AND coalesce("listed_on", "need_on", "visit_on", "credit_on", "first_loan_on") IS NOT NULL
     ORDER BY "enterprise_id"
    ON CONFLICT DO NOTHING
    RETURNING "enterprise_id")
  SELECT array_agg(n."enterprise_id" ORDER BY n."enterprise_id") INTO redo
    FROM pg_temp."rollup_set_ef_new" n
   WHERE n.fresh AND NOT n.gone
     AND coalesce(n."listed_on", n."need_on", n."visit_on", n."credit_on", n."first_loan_on") IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM ins WHERE ins."enterprise_id" = n."enterprise_id");
  IF redo IS NOT NULL THEN
    DELETE FROM pg_temp."rollup_set_ids" WHERE "enterprise_id" = ANY (redo);
    DELETE FROM pg_temp."rollup_set_ef_new" WHERE "enterprise_id" = ANY (redo);
  END IF;
  IF big THEN ANALYZE pg_temp."rollup_set_ef_old"; ANALYZE pg_temp."rollup_set_ef_new"; END IF;

  -- 4. What changed, old (-1) and new (+1) side by side. gate_moved: county or listed-or-not
  --    changed, so the enterprise's approved line amounts move too.
  CREATE TEMP TABLE "rollup_set_ef_diff" ON COMMIT DROP AS
  WITH c AS (
    SELECT n.*, o."enterprise_id" IS NOT NULL AS had,
           o."county_code" AS o_county, o."city_code" AS o_city, o."listed_on" AS o_listed, o."need_on" AS o_need,
           o."visit_on" AS o_visit, o."credit_on" AS o_credit, o."first_loan_on" AS o_loan, o."first_loan_amount" AS o_loan_amount
      FROM pg_temp."rollup_set_ef_new" n
      LEFT JOIN pg_temp."rollup_set_ef_old" o ON o."enterprise_id" = n."enterprise_id"
     WHERE o."enterprise_id" IS NULL
        OR (o."county_code", o."city_code", o."listed_on", o."need_on", o."visit_on", o."credit_on", o."first_loan_on", o."first_loan_amount")
           IS DISTINCT FROM (n."county_code", n."city_code", n."listed_on", n."need_on", n."visit_on", n."credit_on", n."first_loan_on", n."first_loan_amount")
  )
  SELECT c."enterprise_id", -1 AS s, c.o_county AS county, c.o_city AS city, c.o_listed AS listed_on, c.o_need AS need_on,
         c.o_visit AS visit_on, c.o_credit AS credit_on, c.o_loan AS first_loan_on, c.o_loan_amount AS first_loan_amount,
         (c.o_county <> c."county_code" OR (c.o_listed IS NULL) <> (c."listed_on" IS NULL)) AS gate_moved
    FROM c WHERE c.had
  UNION ALL
  SELECT c."enterprise_id", 1, c."county_code", c."city_code", c."listed_on", c."need_on", c."visit_on", c."credit_on",
         c."first_loan_on", c."first_loan_amount",
         (NOT c.had OR c.o_county <> c."county_code" OR (c.o_listed IS NULL) <> (c."listed_on" IS NULL))
    FROM c WHERE NOT c.gone;

  CREATE TEMP TABLE "rollup_set_region_delta" ON COMMIT DROP AS
  SELECT x.day, x.county, min(x.city) AS city, sum(x.listed)::int AS listed, sum(x.needs)::int AS needs,
         sum(x.visited)::int AS visited, sum(x.credited)::int AS credited, sum(x.credit_amount) AS credit_amount,
         sum(x.first_loans)::int AS first_loans, sum(x.first_loan_amount) AS first_loan_amount
    FROM (
      SELECT d.listed_on AS day, d.county, d.city, d.s AS listed, 0 AS needs, 0 AS visited, 0 AS credited,
             0::numeric AS credit_amount, 0 AS first_loans, 0::numeric AS first_loan_amount
        FROM pg_temp."rollup_set_ef_diff" d WHERE d.listed_on IS NOT NULL
      UNION ALL SELECT d.need_on, d.county, d.city, 0, d.s, 0, 0, 0, 0, 0
        FROM pg_temp."rollup_set_ef_diff" d WHERE d.listed_on IS NOT NULL AND d.need_on IS NOT NULL
      UNION ALL SELECT d.visit_on, d.county, d.city, 0, 0, d.s, 0, 0, 0, 0
        FROM pg_temp."rollup_set_ef_diff" d WHERE d.listed_on IS NOT NULL AND d.visit_on IS NOT NULL
      UNION ALL SELECT d.credit_on, d.county, d.city, 0, 0, 0, d.s, 0, 0, 0
        FROM pg_temp."rollup_set_ef_diff" d WHERE d.listed_on IS NOT NULL AND d.credit_on IS NOT NULL
      UNION ALL SELECT d.first_loan_on, d.county, d.city, 0, 0, 0, 0, 0, d.s, d.s * d.first_loan_amount
        FROM pg_temp."rollup_set_ef_diff" d WHERE d.first_loan_on IS NOT NULL
      UNION ALL SELECT l."decided_on", d.county, d.city, 0, 0, 0, 0, d.s * l."limit_amount", 0, 0
        FROM pg_temp."rollup_set_ef_diff" d JOIN "credit_lines" l ON l."enterprise_id" = d."enterprise_id"
       WHERE d.gate_moved AND d.listed_on IS NOT NULL AND l."status" = 'APPROVED' AND l."decided_on" IS NOT NULL
    ) x
   GROUP BY x.day, x.county
  HAVING sum(x.listed) <> 0 OR sum(x.needs) <> 0 OR sum(x.visited) <> 0 OR sum(x.credited) <> 0
      OR sum(x.credit_amount) <> 0 OR sum(x.first_loans) <> 0 OR sum(x.first_loan_amount) <> 0;

  INSERT INTO "rollup_region_daily" AS r
    ("day", "county_code", "city_code", "listed", "needs", "visited", "credited", "credit_amount", "first_loans", "first_loan_amount")
  SELECT day, county, city, listed, needs, visited, credited, credit_amount, first_loans, first_loan_amount
    FROM pg_temp."rollup_set_region_delta" ORDER BY day, county
  ON CONFLICT ("day", "county_code") DO UPDATE SET
    "listed" = r."listed" + EXCLUDED."listed", "needs" = r."needs" + EXCLUDED."needs",
    "visited" = r."visited" + EXCLUDED."visited", "credited" = r."credited" + EXCLUDED."credited",
    "credit_amount" = r."credit_amount" + EXCLUDED."credit_amount", "first_loans" = r."first_loans" + EXCLUDED."first_loans",
    "first_loan_amount" = r."first_loan_amount" + EXCLUDED."first_loan_amount";
  INSERT INTO "rollup_region_monthly" AS r
    ("month", "county_code", "city_code", "listed", "needs", "visited", "credited", "credit_amount", "first_loans", "first_loan_amount")
  SELECT date_trunc('month', day)::date, county, min(city), sum(listed), sum(needs), sum(visited), sum(credited),
         sum(credit_amount), sum(first_loans), sum(first_loan_amount)
    FROM pg_temp."rollup_set_region_delta" GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("month", "county_code") DO UPDATE SET
    "listed" = r."listed" + EXCLUDED."listed", "needs" = r."needs" + EXCLUDED."needs",
    "visited" = r."visited" + EXCLUDED."visited", "credited" = r."credited" + EXCLUDED."credited",
    "credit_amount" = r."credit_amount" + EXCLUDED."credit_amount", "first_loans" = r."first_loans" + EXCLUDED."first_loans",
    "first_loan_amount" = r."first_loan_amount" + EXCLUDED."first_loan_amount";

  -- 5. Write the enterprise facts (fresh ones were inserted in step 3; gone ones go).
  UPDATE "rollup_enterprise_facts" f SET
    "county_code" = n."county_code", "city_code" = n."city_code", "listed_on" = n."listed_on",
    "need_on" = n."need_on", "visit_on" = n."visit_on", "credit_on" = n."credit_on",
    "first_loan_on" = n."first_loan_on", "first_loan_amount" = n."first_loan_amount"
    FROM pg_temp."rollup_set_ef_new" n
   WHERE f."enterprise_id" = n."enterprise_id" AND NOT n.fresh AND NOT n.gone
     AND (f."county_code", f."city_code", f."listed_on", f."need_on", f."visit_on", f."credit_on", f."first_loan_on", f."first_loan_amount")
         IS DISTINCT FROM (n."county_code", n."city_code", n."listed_on", n."need_on", n."visit_on", n."credit_on", n."first_loan_on", n."first_loan_amount");
  DELETE FROM "rollup_enterprise_facts" f USING pg_temp."rollup_set_ef_new" n
   WHERE f."enterprise_id" = n."enterprise_id" AND n.gone;
  END IF;

  -- 6. Every bank × enterprise subject of these enterprises: clients, existing facts, the
  --    first-loan bank; in a rebuild (every enterprise, no facts yet) also banks with needs,
  --    visits or lines.
  CREATE TEMP TABLE "rollup_set_pairs" ON COMMIT DROP AS
  SELECT t."bank_id", t."enterprise_id" FROM "bank_clients" t WHERE t."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids")
  UNION SELECT t."bank_id", t."enterprise_id" FROM "rollup_client_facts" t WHERE t."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids")
  UNION SELECT t."first_loan_bank_id", t."id" FROM "enterprises" t
         WHERE t."first_loan_bank_id" IS NOT NULL AND t."id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids")
  UNION SELECT t."bank_id", t."enterprise_id" FROM "financing_needs" t WHERE p_rebuild
  UNION SELECT t."bank_id", t."enterprise_id" FROM "visits" t WHERE p_rebuild
  UNION SELECT t."bank_id", t."enterprise_id" FROM "credit_lines" t WHERE p_rebuild;
  IF big THEN ANALYZE pg_temp."rollup_set_pairs"; END IF;

  CREATE TEMP TABLE "rollup_set_cf_old" ON COMMIT DROP AS
  SELECT f.* FROM "rollup_client_facts" f
   WHERE f."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids");

  CREATE TEMP TABLE "rollup_set_cf_new" ON COMMIT DROP AS
  SELECT p."bank_id", p."enterprise_id",
         coalesce(e."county_code", o."county_code") AS "county_code",
         coalesce(e."city_code", o."city_code") AS "city_code",
         coalesce(bc."branch_id", nil) AS "branch_key",
         coalesce(bc."manager_id", nil) AS "manager_key",
         (e."id" IS NOT NULL AND ef."listed_on" IS NOT NULL) AS "is_listed",
         (bc."created_at" AT TIME ZONE 'Asia/Shanghai')::date AS "pooled_on",
         CASE WHEN e."id" IS NOT NULL THEN nd.day END AS "need_on",
         CASE WHEN e."id" IS NOT NULL THEN vs.day END AS "visit_on",
         CASE WHEN e."id" IS NOT NULL THEN cr.day END AS "credit_on",
         CASE WHEN e."first_loan_bank_id" = p."bank_id" THEN e."first_loan_on" END AS "first_loan_on",
         CASE WHEN e."first_loan_bank_id" = p."bank_id" AND e."first_loan_on" IS NOT NULL THEN coalesce(e."first_loan_amount", 0) END AS "first_loan_amount",
         CASE WHEN e."id" IS NULL OR nd.day IS NULL THEN nil WHEN nd.visit_id IS NOT NULL THEN nd.branch ELSE coalesce(bc."branch_id", nil) END AS "need_branch",
         CASE WHEN e."id" IS NULL OR nd.day IS NULL THEN nil WHEN nd.visit_id IS NOT NULL THEN nd.manager ELSE coalesce(bc."manager_id", nil) END AS "need_manager",
         CASE WHEN e."id" IS NULL OR vs.day IS NULL THEN nil ELSE vs.branch END AS "visit_branch",
         CASE WHEN e."id" IS NULL OR vs.day IS NULL THEN nil ELSE vs.manager END AS "visit_manager",
         CASE WHEN e."id" IS NULL OR cr.day IS NULL THEN nil ELSE cr.branch END AS "credit_branch",
         CASE WHEN e."id" IS NULL OR cr.day IS NULL THEN nil ELSE cr.manager END AS "credit_manager",
         CASE WHEN e."first_loan_bank_id" IS DISTINCT FROM p."bank_id" OR e."first_loan_on" IS NULL THEN nil
              WHEN ld."bank_id" IS NOT NULL THEN ld.branch ELSE coalesce(bc."branch_id", nil) END AS "loan_branch",
         CASE WHEN e."first_loan_bank_id" IS DISTINCT FROM p."bank_id" OR e."first_loan_on" IS NULL THEN nil
              WHEN ld."bank_id" IS NOT NULL THEN ld.manager ELSE coalesce(bc."manager_id", nil) END AS "loan_manager",
         o."bank_id" IS NULL AS fresh
    FROM pg_temp."rollup_set_pairs" p
    LEFT JOIN "enterprises" e ON e."id" = p."enterprise_id"
    LEFT JOIN pg_temp."rollup_set_cf_old" o ON o."bank_id" = p."bank_id" AND o."enterprise_id" = p."enterprise_id"
    LEFT JOIN "rollup_enterprise_facts" ef ON ef."enterprise_id" = p."enterprise_id"
    LEFT JOIN "bank_clients" bc ON bc."bank_id" = p."bank_id" AND bc."enterprise_id" = p."enterprise_id"
    LEFT JOIN (SELECT DISTINCT ON (t."bank_id", t."enterprise_id") t."bank_id", t."enterprise_id", t."raised_on" AS day,
                      v."id" AS visit_id, v."branch_id" AS branch, v."user_id" AS manager
                 FROM "financing_needs" t LEFT JOIN "visits" v ON v."id" = t."visit_id"
                WHERE t."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids")
                ORDER BY t."bank_id", t."enterprise_id", t."raised_on", t."created_at", t."id") nd
           ON nd."bank_id" = p."bank_id" AND nd."enterprise_id" = p."enterprise_id"
    LEFT JOIN (SELECT DISTINCT ON (t."bank_id", t."enterprise_id") t."bank_id", t."enterprise_id", t."visited_on" AS day,
                      t."branch_id" AS branch, t."user_id" AS manager
                 FROM "visits" t
                WHERE t."mode" = 'ON_SITE' AND t."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids")
                ORDER BY t."bank_id", t."enterprise_id", t."visited_on", t."created_at", t."id") vs
           ON vs."bank_id" = p."bank_id" AND vs."enterprise_id" = p."enterprise_id"
    LEFT JOIN (SELECT DISTINCT ON (t."bank_id", t."enterprise_id") t."bank_id", t."enterprise_id", t."decided_on" AS day,
                      t."branch_id" AS branch, t."proposed_by_id" AS manager
                 FROM "credit_lines" t
                WHERE t."status" = 'APPROVED' AND t."decided_on" IS NOT NULL
                  AND t."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids")
                ORDER BY t."bank_id", t."enterprise_id", t."decided_on", t."proposed_at", t."id") cr
           ON cr."bank_id" = p."bank_id" AND cr."enterprise_id" = p."enterprise_id"
    LEFT JOIN (SELECT DISTINCT ON (d."bank_id", d."enterprise_id") d."bank_id", d."enterprise_id",
                      l."branch_id" AS branch, l."proposed_by_id" AS manager
                 FROM "disbursements" d JOIN "credit_lines" l ON l."id" = d."credit_line_id"
                WHERE d."is_first_ever" AND d."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids")
                ORDER BY d."bank_id", d."enterprise_id", d."disbursed_on", d."created_at", d."id") ld
           ON ld."bank_id" = p."bank_id" AND ld."enterprise_id" = p."enterprise_id"
   WHERE e."id" IS NOT NULL OR o."bank_id" IS NOT NULL;
  IF big THEN ANALYZE pg_temp."rollup_set_cf_old"; ANALYZE pg_temp."rollup_set_cf_new"; END IF;

  -- 7. Bank deltas: each step at its own key; line amounts only where the gating moved.
  CREATE TEMP TABLE "rollup_set_cf_diff" ON COMMIT DROP AS
  WITH c AS (
    SELECT n.*, o."bank_id" IS NOT NULL AS had, o."county_code" AS o_county, o."is_listed" AS o_listed
      FROM pg_temp."rollup_set_cf_new" n
      LEFT JOIN pg_temp."rollup_set_cf_old" o ON o."bank_id" = n."bank_id" AND o."enterprise_id" = n."enterprise_id"
     WHERE o."bank_id" IS NULL
        OR (o."county_code", o."city_code", o."branch_key", o."manager_key", o."is_listed", o."pooled_on", o."need_on",
            o."visit_on", o."credit_on", o."first_loan_on", o."first_loan_amount", o."need_branch", o."need_manager",
            o."visit_branch", o."visit_manager", o."credit_branch", o."credit_manager", o."loan_branch", o."loan_manager")
           IS DISTINCT FROM
           (n."county_code", n."city_code", n."branch_key", n."manager_key", n."is_listed", n."pooled_on", n."need_on",
            n."visit_on", n."credit_on", n."first_loan_on", n."first_loan_amount", n."need_branch", n."need_manager",
            n."visit_branch", n."visit_manager", n."credit_branch", n."credit_manager", n."loan_branch", n."loan_manager")
  )
  SELECT o."bank_id", o."enterprise_id", -1 AS s, o."county_code" AS county, o."city_code" AS city, o."is_listed",
         o."branch_key", o."manager_key", o."pooled_on", o."need_on", o."need_branch", o."need_manager",
         o."visit_on", o."visit_branch", o."visit_manager", o."credit_on", o."credit_branch", o."credit_manager",
         o."first_loan_on", o."first_loan_amount", o."loan_branch", o."loan_manager",
         (o."county_code" <> c."county_code" OR o."is_listed" <> c."is_listed") AS gate_moved, true AS had
    FROM c JOIN pg_temp."rollup_set_cf_old" o ON o."bank_id" = c."bank_id" AND o."enterprise_id" = c."enterprise_id"
  UNION ALL
  SELECT c."bank_id", c."enterprise_id", 1, c."county_code", c."city_code", c."is_listed",
         c."branch_key", c."manager_key", c."pooled_on", c."need_on", c."need_branch", c."need_manager",
         c."visit_on", c."visit_branch", c."visit_manager", c."credit_on", c."credit_branch", c."credit_manager",
         c."first_loan_on", c."first_loan_amount", c."loan_branch", c."loan_manager",
         (NOT c.had OR c.o_county <> c."county_code" OR c.o_listed <> c."is_listed"), c.had
    FROM c;
  IF big THEN ANALYZE pg_temp."rollup_set_cf_diff"; END IF;

  CREATE TEMP TABLE "rollup_set_bank_delta" ON COMMIT DROP AS
  SELECT x.day, x.county, min(x.city) AS city, x.bank, x.branch, x.manager,
         sum(x.pooled)::int AS pooled, sum(x.needs)::int AS needs, sum(x.visited)::int AS visited,
         sum(x.credited)::int AS credited, sum(x.credit_amount) AS credit_amount,
         sum(x.first_loans)::int AS first_loans, sum(x.first_loan_amount) AS first_loan_amount
    FROM (
      SELECT d."pooled_on" AS day, d.county, d.city, d."bank_id" AS bank, d."branch_key" AS branch, d."manager_key" AS manager,
             d.s AS pooled, 0 AS needs, 0 AS visited, 0 AS credited, 0::numeric AS credit_amount, 0 AS first_loans, 0::numeric AS first_loan_amount
        FROM pg_temp."rollup_set_cf_diff" d WHERE d."is_listed" AND d."pooled_on" IS NOT NULL
      UNION ALL SELECT d."need_on", d.county, d.city, d."bank_id", d."need_branch", d."need_manager", 0, d.s, 0, 0, 0, 0, 0
        FROM pg_temp."rollup_set_cf_diff" d WHERE d."is_listed" AND d."need_on" IS NOT NULL
      UNION ALL SELECT d."visit_on", d.county, d.city, d."bank_id", d."visit_branch", d."visit_manager", 0, 0, d.s, 0, 0, 0, 0
        FROM pg_temp."rollup_set_cf_diff" d WHERE d."is_listed" AND d."visit_on" IS NOT NULL
      UNION ALL SELECT d."credit_on", d.county, d.city, d."bank_id", d."credit_branch", d."credit_manager", 0, 0, 0, d.s, 0, 0, 0
        FROM pg_temp."rollup_set_cf_diff" d WHERE d."is_listed" AND d."credit_on" IS NOT NULL
      UNION ALL SELECT d."first_loan_on", d.county, d.city, d."bank_id", d."loan_branch", d."loan_manager", 0, 0, 0, 0, 0, d.s, d.s * d."first_loan_amount"
        FROM pg_temp."rollup_set_cf_diff" d WHERE d."first_loan_on" IS NOT NULL
      UNION ALL SELECT l."decided_on", d.county, d.city, d."bank_id", l."branch_id", l."proposed_by_id", 0, 0, 0, 0, d.s * l."limit_amount", 0, 0
        FROM pg_temp."rollup_set_cf_diff" d
        JOIN "credit_lines" l ON l."enterprise_id" = d."enterprise_id" AND l."bank_id" = d."bank_id"
       WHERE d.gate_moved AND d."is_listed" AND l."status" = 'APPROVED' AND l."decided_on" IS NOT NULL
    ) x
   GROUP BY x.day, x.county, x.bank, x.branch, x.manager
  HAVING sum(x.pooled) <> 0 OR sum(x.needs) <> 0 OR sum(x.visited) <> 0 OR sum(x.credited) <> 0
      OR sum(x.credit_amount) <> 0 OR sum(x.first_loans) <> 0 OR sum(x.first_loan_amount) <> 0;

  INSERT INTO "rollup_bank_daily" AS r
    ("day", "county_code", "city_code", "bank_id", "branch_key", "manager_key",
     "pooled", "needs", "visited", "credited", "credit_amount", "first_loans", "first_loan_amount")
  SELECT day, county, city, bank, branch, manager, pooled, needs, visited, credited, credit_amount, first_loans, first_loan_amount
    FROM pg_temp."rollup_set_bank_delta" ORDER BY day, county, bank, branch, manager
  ON CONFLICT ("day", "county_code", "bank_id", "branch_key", "manager_key") DO UPDATE SET
    "pooled" = r."pooled" + EXCLUDED."pooled", "needs" = r."needs" + EXCLUDED."needs",
    "visited" = r."visited" + EXCLUDED."visited", "credited" = r."credited" + EXCLUDED."credited",
    "credit_amount" = r."credit_amount" + EXCLUDED."credit_amount", "first_loans" = r."first_loans" + EXCLUDED."first_loans",
    "first_loan_amount" = r."first_loan_amount" + EXCLUDED."first_loan_amount";
  INSERT INTO "rollup_bank_monthly" AS r
    ("month", "county_code", "city_code", "bank_id", "branch_key", "manager_key",
     "pooled", "needs", "visited", "credited", "credit_amount", "first_loans", "first_loan_amount")
  SELECT date_trunc('month', day)::date, county, min(city), bank, branch, manager, sum(pooled), sum(needs), sum(visited),
         sum(credited), sum(credit_amount), sum(first_loans), sum(first_loan_amount)
    FROM pg_temp."rollup_set_bank_delta" GROUP BY 1, 2, 4, 5, 6 ORDER BY 1, 2, 4, 5, 6
  ON CONFLICT ("month", "county_code", "bank_id", "branch_key", "manager_key") DO UPDATE SET
    "pooled" = r."pooled" + EXCLUDED."pooled", "needs" = r."needs" + EXCLUDED."needs",
    "visited" = r."visited" + EXCLUDED."visited", "credited" = r."credited" + EXCLUDED."credited",
    "credit_amount" = r."credit_amount" + EXCLUDED."credit_amount", "first_loans" = r."first_loans" + EXCLUDED."first_loans",
    "first_loan_amount" = r."first_loan_amount" + EXCLUDED."first_loan_amount";

  -- 8. Write the client facts (the enterprise locks of step 1 keep every other writer out).
  UPDATE "rollup_client_facts" f SET
    "county_code" = n.county, "city_code" = n.city, "branch_key" = n."branch_key",
    "manager_key" = n."manager_key", "is_listed" = n."is_listed", "pooled_on" = n."pooled_on",
    "need_on" = n."need_on", "visit_on" = n."visit_on", "credit_on" = n."credit_on",
    "first_loan_on" = n."first_loan_on", "first_loan_amount" = n."first_loan_amount",
    "need_branch" = n."need_branch", "need_manager" = n."need_manager",
    "visit_branch" = n."visit_branch", "visit_manager" = n."visit_manager",
    "credit_branch" = n."credit_branch", "credit_manager" = n."credit_manager",
    "loan_branch" = n."loan_branch", "loan_manager" = n."loan_manager"
    FROM pg_temp."rollup_set_cf_diff" n
   WHERE n.s = 1 AND n.had AND f."bank_id" = n."bank_id" AND f."enterprise_id" = n."enterprise_id";
  INSERT INTO "rollup_client_facts"
    ("bank_id", "enterprise_id", "county_code", "city_code", "branch_key", "manager_key", "is_listed", "pooled_on",
     "need_on", "visit_on", "credit_on", "first_loan_on", "first_loan_amount", "need_branch", "need_manager",
     "visit_branch", "visit_manager", "credit_branch", "credit_manager", "loan_branch", "loan_manager")
  SELECT "bank_id", "enterprise_id", county, city, "branch_key", "manager_key", "is_listed", "pooled_on",
         "need_on", "visit_on", "credit_on", "first_loan_on", "first_loan_amount", "need_branch", "need_manager",
         "visit_branch", "visit_manager", "credit_branch", "credit_manager", "loan_branch", "loan_manager"
    FROM pg_temp."rollup_set_cf_diff"
   WHERE s = 1 AND NOT had AND ("pooled_on" IS NOT NULL OR coalesce("need_on", "visit_on", "credit_on", "first_loan_on") IS NOT NULL)
   ORDER BY "enterprise_id", "bank_id";

  -- 9. Enterprises left without any fact keep no row (the empty rows inserted in step 1 only
  --    anchored the locks, which hold until commit all the same); nor does a bank × enterprise
  --    without a client row and without a fact.
  DELETE FROM "rollup_client_facts" f
   WHERE f."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids")
     AND f."pooled_on" IS NULL AND coalesce(f."need_on", f."visit_on", f."credit_on", f."first_loan_on") IS NULL;
  DELETE FROM "rollup_enterprise_facts" f
   WHERE f."enterprise_id" IN (SELECT "enterprise_id" FROM pg_temp."rollup_set_ids")
     AND coalesce(f."listed_on", f."need_on", f."visit_on", f."credit_on", f."first_loan_on") IS NULL;

  -- 10. Enterprises a concurrent writer created facts for while this ran: one by one.
  IF redo IS NOT NULL THEN
    FOREACH one_id IN ARRAY redo LOOP PERFORM "rollup_refresh_enterprise_all"(one_id); END LOOP;
  END IF;
END;
$$;

SELECT "rollup_rebuild"();
