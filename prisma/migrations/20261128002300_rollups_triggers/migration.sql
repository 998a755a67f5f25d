-- Hand-written: the triggers that keep the rollup tables of 20261128002212_rollups exact.
--
-- Why triggers: every way a fact reaches the database (commands through Prisma, the demo seed,
-- other engineers' new commands, bulk SQL) changes the rollups in the same transaction, with
-- no nightly job and nothing an application path can forget. The schema engine neither sees
-- nor diffs functions and triggers; tests/integration/rollups-schema.test.ts checks they exist.
--
-- Design
--   1. Facts: rollup_enterprise_facts (one row per enterprise) and rollup_client_facts (one
--      row per bank × enterprise) hold the FIRST date of each programme step (listed, need,
--      on-site visit, approved credit) and the first-ever loan (enterprises.first_loan_*).
--   2. Daily aggregates: rollup_region_daily (day × county) and rollup_bank_daily (day × county
--      × bank × branch × manager) count the subjects whose first step fell that day, plus the
--      approved credit amount decided that day and the first-loan amount. A period's figure is a
--      sum over days, so counts mean "enterprises whose first <step> falls in the period".
--   3. On any change of a fact row, the subject's facts are RECOMPUTED from the base tables
--      (a few indexed min() lookups) and compared with the stored ones; only the steps whose
--      date or gating changed move in the daily tables. This handles inserts, deletes, an
--      earlier visit recorded later (moves the first date back), a PENDING → APPROVED decision,
--      a client reassigned to another manager or branch, and an enterprise added to a list.
--   4. Credit amounts are per line, not per subject: the line trigger applies OLD → NEW deltas;
--      when a subject's gating or key changes (listed, county, branch, manager), all of its
--      approved lines move with it. The BEFORE trigger on credit_lines settles the facts before
--      the row changes, so a move never counts the changing row twice.
--   5. Funnel steps count enterprises on a list only (the programme is about the listed no-loan
--      enterprises); first loans count every enterprise (the whole banking industry).
--
-- Concurrency: the facts row is locked (SELECT … FOR UPDATE) before recomputing, so changes to
-- one enterprise apply one at a time; under READ COMMITTED each statement inside the function
-- sees rows committed by the transaction it waited for. Daily rows are upserted (ON CONFLICT
-- DO UPDATE adds), so concurrent writers serialize on a row and never lose an increment. Two
-- transactions moving first dates of two enterprises in opposite directions on the same two
-- days can deadlock; PostgreSQL aborts one (SQLSTATE 40P01) and a retry succeeds.
--
-- Bulk loads (npm run seed:scenario) set `SET LOCAL shoudai.rollups = 'deferred'` in their
-- transaction (every trigger's WHEN clause skips then) and call rollup_rebuild() before
-- COMMIT: one set-based pass instead of millions of row-by-row refreshes. The setting dies
-- with the transaction, so it cannot be left on by accident.

-- The all-zero uuid stands for "no branch" / "no manager" in rollup keys (they are NOT NULL
-- because they are part of rollup_bank_daily's primary key).
CREATE FUNCTION "rollup_nil"() RETURNS uuid
  LANGUAGE sql IMMUTABLE AS $$ SELECT '00000000-0000-0000-0000-000000000000'::uuid $$;

-- True unless a bulk load in this transaction deferred the rollups to rollup_rebuild().
CREATE FUNCTION "rollup_is_live"() RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT current_setting('shoudai.rollups', true) IS DISTINCT FROM 'deferred' $$;

-- ───────────────────────── Adding to the daily tables ─────────────────────────

CREATE FUNCTION "rollup_bump_region"(
  p_day date, p_county varchar, p_city varchar,
  p_listed int, p_needs int, p_visited int, p_credited int, p_credit_amount numeric,
  p_first_loans int, p_first_loan_amount numeric
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_day IS NULL OR (p_listed = 0 AND p_needs = 0 AND p_visited = 0 AND p_credited = 0
      AND p_credit_amount = 0 AND p_first_loans = 0 AND p_first_loan_amount = 0) THEN
    RETURN;
  END IF;
  INSERT INTO "rollup_region_daily" AS r
    ("day", "county_code", "city_code", "listed", "needs", "visited", "credited", "credit_amount", "first_loans", "first_loan_amount")
  VALUES (p_day, p_county, p_city, p_listed, p_needs, p_visited, p_credited, p_credit_amount, p_first_loans, p_first_loan_amount)
  ON CONFLICT ("day", "county_code") DO UPDATE SET
    "listed" = r."listed" + EXCLUDED."listed",
    "needs" = r."needs" + EXCLUDED."needs",
    "visited" = r."visited" + EXCLUDED."visited",
    "credited" = r."credited" + EXCLUDED."credited",
    "credit_amount" = r."credit_amount" + EXCLUDED."credit_amount",
    "first_loans" = r."first_loans" + EXCLUDED."first_loans",
    "first_loan_amount" = r."first_loan_amount" + EXCLUDED."first_loan_amount";
END;
$$;

CREATE FUNCTION "rollup_bump_bank"(
  p_day date, p_county varchar, p_city varchar, p_bank uuid, p_branch uuid, p_manager uuid,
  p_pooled int, p_needs int, p_visited int, p_credited int, p_credit_amount numeric,
  p_first_loans int, p_first_loan_amount numeric
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_day IS NULL OR (p_pooled = 0 AND p_needs = 0 AND p_visited = 0 AND p_credited = 0
      AND p_credit_amount = 0 AND p_first_loans = 0 AND p_first_loan_amount = 0) THEN
    RETURN;
  END IF;
  INSERT INTO "rollup_bank_daily" AS r
    ("day", "county_code", "city_code", "bank_id", "branch_key", "manager_key",
     "pooled", "needs", "visited", "credited", "credit_amount", "first_loans", "first_loan_amount")
  VALUES (p_day, p_county, p_city, p_bank, p_branch, p_manager,
     p_pooled, p_needs, p_visited, p_credited, p_credit_amount, p_first_loans, p_first_loan_amount)
  ON CONFLICT ("day", "county_code", "bank_id", "branch_key", "manager_key") DO UPDATE SET
    "pooled" = r."pooled" + EXCLUDED."pooled",
    "needs" = r."needs" + EXCLUDED."needs",
    "visited" = r."visited" + EXCLUDED."visited",
    "credited" = r."credited" + EXCLUDED."credited",
    "credit_amount" = r."credit_amount" + EXCLUDED."credit_amount",
    "first_loans" = r."first_loans" + EXCLUDED."first_loans",
    "first_loan_amount" = r."first_loan_amount" + EXCLUDED."first_loan_amount";
END;
$$;

-- Moves (sign +1 adds, -1 removes) an enterprise's approved credit amounts, by decision day.
CREATE FUNCTION "rollup_move_region_lines"(p_enterprise uuid, p_county varchar, p_city varchar, p_sign int)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "rollup_region_daily" AS r ("day", "county_code", "city_code", "credit_amount")
  SELECT l."decided_on", p_county, p_city, p_sign * sum(l."limit_amount")
    FROM "credit_lines" l
   WHERE l."enterprise_id" = p_enterprise AND l."status" = 'APPROVED' AND l."decided_on" IS NOT NULL
   GROUP BY l."decided_on"
   ORDER BY l."decided_on"
  ON CONFLICT ("day", "county_code") DO UPDATE SET "credit_amount" = r."credit_amount" + EXCLUDED."credit_amount";
END;
$$;

CREATE FUNCTION "rollup_move_bank_lines"(
  p_bank uuid, p_enterprise uuid, p_county varchar, p_city varchar, p_branch uuid, p_manager uuid, p_sign int
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "rollup_bank_daily" AS r ("day", "county_code", "city_code", "bank_id", "branch_key", "manager_key", "credit_amount")
  SELECT l."decided_on", p_county, p_city, p_bank, p_branch, p_manager, p_sign * sum(l."limit_amount")
    FROM "credit_lines" l
   WHERE l."enterprise_id" = p_enterprise AND l."bank_id" = p_bank
     AND l."status" = 'APPROVED' AND l."decided_on" IS NOT NULL
   GROUP BY l."decided_on"
   ORDER BY l."decided_on"
  ON CONFLICT ("day", "county_code", "bank_id", "branch_key", "manager_key")
  DO UPDATE SET "credit_amount" = r."credit_amount" + EXCLUDED."credit_amount";
END;
$$;

-- ───────────────────────── Recomputing one subject ─────────────────────────

-- Recomputes one enterprise's facts and moves what changed in rollup_region_daily. Returns
-- true when what the bank-level facts depend on (listed or not, county) changed.
CREATE FUNCTION "rollup_refresh_enterprise"(p_enterprise uuid) RETURNS boolean
LANGUAGE plpgsql AS $$
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

  IF o IS NOT DISTINCT FROM n THEN RETURN false; END IF;

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

  IF e."id" IS NULL THEN
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
$$;

-- Recomputes one bank × enterprise's facts and moves what changed in rollup_bank_daily.
-- Call after rollup_refresh_enterprise (it reads whether the enterprise is listed).
CREATE FUNCTION "rollup_refresh_client"(p_bank uuid, p_enterprise uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  o "rollup_client_facts";
  n "rollup_client_facts";
  e record;
  bc record;
  same_key boolean;
BEGIN
  IF p_bank IS NULL OR p_enterprise IS NULL THEN RETURN; END IF;
  SELECT "id", "county_code", "city_code", "first_loan_on", "first_loan_bank_id", "first_loan_amount" INTO e
    FROM "enterprises" WHERE "id" = p_enterprise;

  SELECT * INTO o FROM "rollup_client_facts" WHERE "bank_id" = p_bank AND "enterprise_id" = p_enterprise FOR UPDATE;
  IF NOT FOUND THEN
    IF e."id" IS NULL THEN RETURN; END IF;
    INSERT INTO "rollup_client_facts" ("bank_id", "enterprise_id", "county_code", "city_code", "branch_key", "manager_key", "is_listed")
    VALUES (p_bank, p_enterprise, e."county_code", e."city_code", "rollup_nil"(), "rollup_nil"(), false)
    ON CONFLICT DO NOTHING;
    SELECT * INTO o FROM "rollup_client_facts" WHERE "bank_id" = p_bank AND "enterprise_id" = p_enterprise FOR UPDATE;
  END IF;

  SELECT "branch_id", "manager_id", "created_at" INTO bc
    FROM "bank_clients" WHERE "bank_id" = p_bank AND "enterprise_id" = p_enterprise;

  n."bank_id" := p_bank;
  n."enterprise_id" := p_enterprise;
  n."county_code" := coalesce(e."county_code", o."county_code");
  n."city_code" := coalesce(e."city_code", o."city_code");
  n."branch_key" := coalesce(bc."branch_id", "rollup_nil"());
  n."manager_key" := coalesce(bc."manager_id", "rollup_nil"());
  n."is_listed" := e."id" IS NOT NULL AND EXISTS (SELECT 1 FROM "list_memberships" WHERE "enterprise_id" = p_enterprise);
  n."pooled_on" := (bc."created_at" AT TIME ZONE 'Asia/Shanghai')::date;
  IF e."id" IS NOT NULL THEN
    n."need_on" := (SELECT min("raised_on") FROM "financing_needs"
                     WHERE "enterprise_id" = p_enterprise AND "bank_id" = p_bank);
    n."visit_on" := (SELECT min("visited_on") FROM "visits"
                      WHERE "enterprise_id" = p_enterprise AND "bank_id" = p_bank AND "mode" = 'ON_SITE');
    n."credit_on" := (SELECT min("decided_on") FROM "credit_lines"
                       WHERE "enterprise_id" = p_enterprise AND "bank_id" = p_bank AND "status" = 'APPROVED');
    IF e."first_loan_bank_id" = p_bank AND e."first_loan_on" IS NOT NULL THEN
      n."first_loan_on" := e."first_loan_on";
      n."first_loan_amount" := coalesce(e."first_loan_amount", 0);
    END IF;
  ELSE
    n."is_listed" := false;
  END IF;

  IF o IS NOT DISTINCT FROM n THEN RETURN; END IF;

  same_key := o."county_code" = n."county_code" AND o."branch_key" = n."branch_key" AND o."manager_key" = n."manager_key";

  IF NOT same_key OR o."is_listed" <> n."is_listed" OR o."pooled_on" IS DISTINCT FROM n."pooled_on" THEN
    IF o."is_listed" THEN PERFORM "rollup_bump_bank"(o."pooled_on", o."county_code", o."city_code", p_bank, o."branch_key", o."manager_key", -1, 0, 0, 0, 0, 0, 0); END IF;
    IF n."is_listed" THEN PERFORM "rollup_bump_bank"(n."pooled_on", n."county_code", n."city_code", p_bank, n."branch_key", n."manager_key", 1, 0, 0, 0, 0, 0, 0); END IF;
  END IF;
  IF NOT same_key OR o."is_listed" <> n."is_listed" OR o."need_on" IS DISTINCT FROM n."need_on" THEN
    IF o."is_listed" THEN PERFORM "rollup_bump_bank"(o."need_on", o."county_code", o."city_code", p_bank, o."branch_key", o."manager_key", 0, -1, 0, 0, 0, 0, 0); END IF;
    IF n."is_listed" THEN PERFORM "rollup_bump_bank"(n."need_on", n."county_code", n."city_code", p_bank, n."branch_key", n."manager_key", 0, 1, 0, 0, 0, 0, 0); END IF;
  END IF;
  IF NOT same_key OR o."is_listed" <> n."is_listed" OR o."visit_on" IS DISTINCT FROM n."visit_on" THEN
    IF o."is_listed" THEN PERFORM "rollup_bump_bank"(o."visit_on", o."county_code", o."city_code", p_bank, o."branch_key", o."manager_key", 0, 0, -1, 0, 0, 0, 0); END IF;
    IF n."is_listed" THEN PERFORM "rollup_bump_bank"(n."visit_on", n."county_code", n."city_code", p_bank, n."branch_key", n."manager_key", 0, 0, 1, 0, 0, 0, 0); END IF;
  END IF;
  IF NOT same_key OR o."is_listed" <> n."is_listed" OR o."credit_on" IS DISTINCT FROM n."credit_on" THEN
    IF o."is_listed" THEN PERFORM "rollup_bump_bank"(o."credit_on", o."county_code", o."city_code", p_bank, o."branch_key", o."manager_key", 0, 0, 0, -1, 0, 0, 0); END IF;
    IF n."is_listed" THEN PERFORM "rollup_bump_bank"(n."credit_on", n."county_code", n."city_code", p_bank, n."branch_key", n."manager_key", 0, 0, 0, 1, 0, 0, 0); END IF;
  END IF;
  IF NOT same_key OR o."first_loan_on" IS DISTINCT FROM n."first_loan_on"
     OR o."first_loan_amount" IS DISTINCT FROM n."first_loan_amount" THEN
    PERFORM "rollup_bump_bank"(o."first_loan_on", o."county_code", o."city_code", p_bank, o."branch_key", o."manager_key", 0, 0, 0, 0, 0, -1, -coalesce(o."first_loan_amount", 0));
    PERFORM "rollup_bump_bank"(n."first_loan_on", n."county_code", n."city_code", p_bank, n."branch_key", n."manager_key", 0, 0, 0, 0, 0, 1, coalesce(n."first_loan_amount", 0));
  END IF;
  IF NOT same_key OR o."is_listed" <> n."is_listed" THEN
    IF o."is_listed" THEN PERFORM "rollup_move_bank_lines"(p_bank, p_enterprise, o."county_code", o."city_code", o."branch_key", o."manager_key", -1); END IF;
    IF n."is_listed" THEN PERFORM "rollup_move_bank_lines"(p_bank, p_enterprise, n."county_code", n."city_code", n."branch_key", n."manager_key", 1); END IF;
  END IF;

  UPDATE "rollup_client_facts" SET
    "county_code" = n."county_code", "city_code" = n."city_code", "branch_key" = n."branch_key",
    "manager_key" = n."manager_key", "is_listed" = n."is_listed", "pooled_on" = n."pooled_on",
    "need_on" = n."need_on", "visit_on" = n."visit_on", "credit_on" = n."credit_on",
    "first_loan_on" = n."first_loan_on", "first_loan_amount" = n."first_loan_amount"
  WHERE "bank_id" = p_bank AND "enterprise_id" = p_enterprise;
END;
$$;

-- The enterprise and every bank subject of it (clients, banks with facts, first-loan bank).
CREATE FUNCTION "rollup_refresh_enterprise_all"(p_enterprise uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  b uuid;
BEGIN
  IF p_enterprise IS NULL THEN RETURN; END IF;
  PERFORM "rollup_refresh_enterprise"(p_enterprise);
  FOR b IN
    SELECT "bank_id" FROM "bank_clients" WHERE "enterprise_id" = p_enterprise
    UNION SELECT "bank_id" FROM "rollup_client_facts" WHERE "enterprise_id" = p_enterprise
    UNION SELECT "first_loan_bank_id" FROM "enterprises" WHERE "id" = p_enterprise AND "first_loan_bank_id" IS NOT NULL
    ORDER BY 1
  LOOP
    PERFORM "rollup_refresh_client"(b, p_enterprise);
  END LOOP;
END;
$$;

-- A fact of one bank about one enterprise changed: that enterprise, then that bank subject
-- (or all of the enterprise's subjects when its listing or county changed).
CREATE FUNCTION "rollup_refresh_pair"(p_bank uuid, p_enterprise uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_enterprise IS NULL THEN RETURN; END IF;
  IF "rollup_refresh_enterprise"(p_enterprise) THEN
    PERFORM "rollup_refresh_enterprise_all"(p_enterprise);
  ELSE
    PERFORM "rollup_refresh_client"(p_bank, p_enterprise);
  END IF;
END;
$$;

-- An approved line's amount, added (sign +1) or removed (-1) where its subject counts now.
CREATE FUNCTION "rollup_apply_line"(p_bank uuid, p_enterprise uuid, p_day date, p_amount numeric)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  ef "rollup_enterprise_facts";
  cf "rollup_client_facts";
BEGIN
  SELECT * INTO ef FROM "rollup_enterprise_facts" WHERE "enterprise_id" = p_enterprise;
  IF FOUND AND ef."listed_on" IS NOT NULL THEN
    PERFORM "rollup_bump_region"(p_day, ef."county_code", ef."city_code", 0, 0, 0, 0, p_amount, 0, 0);
  END IF;
  SELECT * INTO cf FROM "rollup_client_facts" WHERE "bank_id" = p_bank AND "enterprise_id" = p_enterprise;
  IF FOUND AND cf."is_listed" THEN
    PERFORM "rollup_bump_bank"(p_day, cf."county_code", cf."city_code", p_bank, cf."branch_key", cf."manager_key", 0, 0, 0, 0, p_amount, 0, 0);
  END IF;
END;
$$;

-- ───────────────────────── Trigger functions ─────────────────────────

-- visits, financing_needs: one bank's fact about one enterprise.
CREATE FUNCTION "rollup_on_pair_fact"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM "rollup_refresh_pair"(OLD."bank_id", OLD."enterprise_id"); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM "rollup_refresh_pair"(NEW."bank_id", NEW."enterprise_id"); END IF;
  RETURN NULL;
END;
$$;

-- credit_lines, BEFORE the row changes: settle the subjects' facts against the lines as they
-- are, so a key move (first fact of a new subject) never includes the changing row.
CREATE FUNCTION "rollup_on_credit_line_before"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM "rollup_refresh_pair"(OLD."bank_id", OLD."enterprise_id"); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM "rollup_refresh_pair"(NEW."bank_id", NEW."enterprise_id"); END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;

-- credit_lines, AFTER: first credit dates, then the OLD → NEW amount delta.
CREATE FUNCTION "rollup_on_credit_line_after"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM "rollup_refresh_pair"(OLD."bank_id", OLD."enterprise_id"); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM "rollup_refresh_pair"(NEW."bank_id", NEW."enterprise_id"); END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."status" = 'APPROVED' AND OLD."decided_on" IS NOT NULL THEN
    PERFORM "rollup_apply_line"(OLD."bank_id", OLD."enterprise_id", OLD."decided_on", -OLD."limit_amount");
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."status" = 'APPROVED' AND NEW."decided_on" IS NOT NULL THEN
    PERFORM "rollup_apply_line"(NEW."bank_id", NEW."enterprise_id", NEW."decided_on", NEW."limit_amount");
  END IF;
  RETURN NULL;
END;
$$;

-- bank_clients: entering a pool, reassignment to another branch or manager, removal.
CREATE FUNCTION "rollup_on_bank_client"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM "rollup_refresh_pair"(OLD."bank_id", OLD."enterprise_id"); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM "rollup_refresh_pair"(NEW."bank_id", NEW."enterprise_id"); END IF;
  RETURN NULL;
END;
$$;

-- list_memberships, enterprises: facts about the enterprise itself.
CREATE FUNCTION "rollup_on_enterprise_fact"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_id uuid;
  new_id uuid;
BEGIN
  IF TG_TABLE_NAME = 'enterprises' THEN
    IF TG_OP <> 'INSERT' THEN old_id := OLD."id"; END IF;
    IF TG_OP <> 'DELETE' THEN new_id := NEW."id"; END IF;
  ELSE
    IF TG_OP <> 'INSERT' THEN old_id := OLD."enterprise_id"; END IF;
    IF TG_OP <> 'DELETE' THEN new_id := NEW."enterprise_id"; END IF;
  END IF;
  IF old_id IS NOT NULL THEN PERFORM "rollup_refresh_enterprise_all"(old_id); END IF;
  IF new_id IS NOT NULL AND new_id IS DISTINCT FROM old_id THEN PERFORM "rollup_refresh_enterprise_all"(new_id); END IF;
  IF TG_TABLE_NAME = 'enterprises' AND TG_OP = 'UPDATE' AND OLD."first_loan_bank_id" IS NOT NULL THEN
    -- The old first-loan bank loses the loan even when it has no client row for the enterprise.
    PERFORM "rollup_refresh_client"(OLD."first_loan_bank_id", OLD."id");
  END IF;
  RETURN NULL;
END;
$$;

-- ───────────────────────── Triggers ─────────────────────────
-- UPDATE triggers name only the columns rollups depend on (and compare them), so frequent
-- updates such as credit_lines.drawn_amount or bank_clients.stage cost nothing here.

CREATE TRIGGER "rollup_visits"
  AFTER INSERT OR DELETE ON "visits"
  FOR EACH ROW WHEN ("rollup_is_live"()) EXECUTE FUNCTION "rollup_on_pair_fact"();
CREATE TRIGGER "rollup_visits_update"
  AFTER UPDATE OF "visited_on", "mode", "bank_id", "enterprise_id" ON "visits"
  FOR EACH ROW WHEN ("rollup_is_live"() AND (OLD."visited_on", OLD."mode", OLD."bank_id", OLD."enterprise_id")
    IS DISTINCT FROM (NEW."visited_on", NEW."mode", NEW."bank_id", NEW."enterprise_id"))
  EXECUTE FUNCTION "rollup_on_pair_fact"();

CREATE TRIGGER "rollup_financing_needs"
  AFTER INSERT OR DELETE ON "financing_needs"
  FOR EACH ROW WHEN ("rollup_is_live"()) EXECUTE FUNCTION "rollup_on_pair_fact"();
CREATE TRIGGER "rollup_financing_needs_update"
  AFTER UPDATE OF "raised_on", "bank_id", "enterprise_id" ON "financing_needs"
  FOR EACH ROW WHEN ("rollup_is_live"() AND (OLD."raised_on", OLD."bank_id", OLD."enterprise_id")
    IS DISTINCT FROM (NEW."raised_on", NEW."bank_id", NEW."enterprise_id"))
  EXECUTE FUNCTION "rollup_on_pair_fact"();

CREATE TRIGGER "rollup_credit_lines_before"
  BEFORE INSERT OR DELETE ON "credit_lines"
  FOR EACH ROW WHEN ("rollup_is_live"()) EXECUTE FUNCTION "rollup_on_credit_line_before"();
CREATE TRIGGER "rollup_credit_lines_before_update"
  BEFORE UPDATE OF "status", "decided_on", "limit_amount", "bank_id", "enterprise_id" ON "credit_lines"
  FOR EACH ROW WHEN ("rollup_is_live"() AND (OLD."status", OLD."decided_on", OLD."limit_amount", OLD."bank_id", OLD."enterprise_id")
    IS DISTINCT FROM (NEW."status", NEW."decided_on", NEW."limit_amount", NEW."bank_id", NEW."enterprise_id"))
  EXECUTE FUNCTION "rollup_on_credit_line_before"();
CREATE TRIGGER "rollup_credit_lines"
  AFTER INSERT OR DELETE ON "credit_lines"
  FOR EACH ROW WHEN ("rollup_is_live"()) EXECUTE FUNCTION "rollup_on_credit_line_after"();
CREATE TRIGGER "rollup_credit_lines_update"
  AFTER UPDATE OF "status", "decided_on", "limit_amount", "bank_id", "enterprise_id" ON "credit_lines"
  FOR EACH ROW WHEN ("rollup_is_live"() AND (OLD."status", OLD."decided_on", OLD."limit_amount", OLD."bank_id", OLD."enterprise_id")
    IS DISTINCT FROM (NEW."status", NEW."decided_on", NEW."limit_amount", NEW."bank_id", NEW."enterprise_id"))
  EXECUTE FUNCTION "rollup_on_credit_line_after"();

CREATE TRIGGER "rollup_bank_clients"
  AFTER INSERT OR DELETE ON "bank_clients"
  FOR EACH ROW WHEN ("rollup_is_live"()) EXECUTE FUNCTION "rollup_on_bank_client"();
CREATE TRIGGER "rollup_bank_clients_update"
  AFTER UPDATE OF "branch_id", "manager_id", "bank_id", "enterprise_id", "created_at" ON "bank_clients"
  FOR EACH ROW WHEN ("rollup_is_live"() AND (OLD."branch_id", OLD."manager_id", OLD."bank_id", OLD."enterprise_id", OLD."created_at")
    IS DISTINCT FROM (NEW."branch_id", NEW."manager_id", NEW."bank_id", NEW."enterprise_id", NEW."created_at"))
  EXECUTE FUNCTION "rollup_on_bank_client"();

CREATE TRIGGER "rollup_list_memberships"
  AFTER INSERT OR DELETE ON "list_memberships"
  FOR EACH ROW WHEN ("rollup_is_live"()) EXECUTE FUNCTION "rollup_on_enterprise_fact"();
CREATE TRIGGER "rollup_list_memberships_update"
  AFTER UPDATE OF "listed_on", "enterprise_id" ON "list_memberships"
  FOR EACH ROW WHEN ("rollup_is_live"() AND (OLD."listed_on", OLD."enterprise_id") IS DISTINCT FROM (NEW."listed_on", NEW."enterprise_id"))
  EXECUTE FUNCTION "rollup_on_enterprise_fact"();

-- An enterprise only matters once it has a first loan; a plain registry insert costs nothing.
CREATE TRIGGER "rollup_enterprises_insert"
  AFTER INSERT ON "enterprises"
  FOR EACH ROW WHEN ("rollup_is_live"() AND NEW."first_loan_on" IS NOT NULL) EXECUTE FUNCTION "rollup_on_enterprise_fact"();
CREATE TRIGGER "rollup_enterprises_delete"
  AFTER DELETE ON "enterprises"
  FOR EACH ROW WHEN ("rollup_is_live"()) EXECUTE FUNCTION "rollup_on_enterprise_fact"();
CREATE TRIGGER "rollup_enterprises_update"
  AFTER UPDATE OF "county_code", "city_code", "first_loan_on", "first_loan_bank_id", "first_loan_amount" ON "enterprises"
  FOR EACH ROW WHEN ("rollup_is_live"() AND (OLD."county_code", OLD."city_code", OLD."first_loan_on", OLD."first_loan_bank_id", OLD."first_loan_amount")
    IS DISTINCT FROM (NEW."county_code", NEW."city_code", NEW."first_loan_on", NEW."first_loan_bank_id", NEW."first_loan_amount"))
  EXECUTE FUNCTION "rollup_on_enterprise_fact"();

-- ───────────────────────── Rebuilding from scratch ─────────────────────────

-- Recomputes every rollup table from the base tables in a few set-based statements. Used
-- after a bulk load that deferred the triggers; also a repair tool. Takes ACCESS EXCLUSIVE
-- locks on the rollup tables (TRUNCATE) until the transaction ends.
CREATE FUNCTION "rollup_rebuild"() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "rollup_region_daily", "rollup_bank_daily", "rollup_client_facts", "rollup_enterprise_facts";

  INSERT INTO "rollup_enterprise_facts"
    ("enterprise_id", "county_code", "city_code", "listed_on", "need_on", "visit_on", "credit_on", "first_loan_on", "first_loan_amount")
  SELECT e."id", e."county_code", e."city_code", lm.d, fn.d, v.d, cl.d, e."first_loan_on",
         CASE WHEN e."first_loan_on" IS NULL THEN NULL ELSE coalesce(e."first_loan_amount", 0) END
    FROM "enterprises" e
    LEFT JOIN (SELECT "enterprise_id", min("listed_on") d FROM "list_memberships" GROUP BY 1) lm ON lm."enterprise_id" = e."id"
    LEFT JOIN (SELECT "enterprise_id", min("raised_on") d FROM "financing_needs" GROUP BY 1) fn ON fn."enterprise_id" = e."id"
    LEFT JOIN (SELECT "enterprise_id", min("visited_on") d FROM "visits" WHERE "mode" = 'ON_SITE' GROUP BY 1) v ON v."enterprise_id" = e."id"
    LEFT JOIN (SELECT "enterprise_id", min("decided_on") d FROM "credit_lines" WHERE "status" = 'APPROVED' GROUP BY 1) cl ON cl."enterprise_id" = e."id"
   WHERE lm.d IS NOT NULL OR fn.d IS NOT NULL OR v.d IS NOT NULL OR cl.d IS NOT NULL OR e."first_loan_on" IS NOT NULL;

  INSERT INTO "rollup_client_facts"
    ("bank_id", "enterprise_id", "county_code", "city_code", "branch_key", "manager_key", "is_listed",
     "pooled_on", "need_on", "visit_on", "credit_on", "first_loan_on", "first_loan_amount")
  SELECT s."bank_id", s."enterprise_id", e."county_code", e."city_code",
         coalesce(bc."branch_id", "rollup_nil"()), coalesce(bc."manager_id", "rollup_nil"()),
         coalesce(ef."listed_on" IS NOT NULL, false),
         (bc."created_at" AT TIME ZONE 'Asia/Shanghai')::date, fn.d, v.d, cl.d,
         CASE WHEN e."first_loan_bank_id" = s."bank_id" THEN e."first_loan_on" END,
         CASE WHEN e."first_loan_bank_id" = s."bank_id" AND e."first_loan_on" IS NOT NULL THEN coalesce(e."first_loan_amount", 0) END
    FROM (SELECT "bank_id", "enterprise_id" FROM "bank_clients"
          UNION SELECT "bank_id", "enterprise_id" FROM "financing_needs"
          UNION SELECT "bank_id", "enterprise_id" FROM "visits"
          UNION SELECT "bank_id", "enterprise_id" FROM "credit_lines"
          UNION SELECT "first_loan_bank_id", "id" FROM "enterprises" WHERE "first_loan_bank_id" IS NOT NULL) s
    JOIN "enterprises" e ON e."id" = s."enterprise_id"
    LEFT JOIN "rollup_enterprise_facts" ef ON ef."enterprise_id" = s."enterprise_id"
    LEFT JOIN "bank_clients" bc ON bc."bank_id" = s."bank_id" AND bc."enterprise_id" = s."enterprise_id"
    LEFT JOIN (SELECT "bank_id", "enterprise_id", min("raised_on") d FROM "financing_needs" GROUP BY 1, 2) fn
           ON fn."bank_id" = s."bank_id" AND fn."enterprise_id" = s."enterprise_id"
    LEFT JOIN (SELECT "bank_id", "enterprise_id", min("visited_on") d FROM "visits" WHERE "mode" = 'ON_SITE' GROUP BY 1, 2) v
           ON v."bank_id" = s."bank_id" AND v."enterprise_id" = s."enterprise_id"
    LEFT JOIN (SELECT "bank_id", "enterprise_id", min("decided_on") d FROM "credit_lines" WHERE "status" = 'APPROVED' GROUP BY 1, 2) cl
           ON cl."bank_id" = s."bank_id" AND cl."enterprise_id" = s."enterprise_id";

  INSERT INTO "rollup_region_daily"
    ("day", "county_code", "city_code", "listed", "needs", "visited", "credited", "credit_amount", "first_loans", "first_loan_amount")
  SELECT x.day, x.county, min(x.city), sum(x.listed), sum(x.needs), sum(x.visited), sum(x.credited),
         sum(x.credit_amount), sum(x.first_loans), sum(x.first_loan_amount)
    FROM (
      SELECT f."listed_on" AS day, f."county_code" AS county, f."city_code" AS city, 1 AS listed, 0 AS needs, 0 AS visited,
             0 AS credited, 0::numeric AS credit_amount, 0 AS first_loans, 0::numeric AS first_loan_amount
        FROM "rollup_enterprise_facts" f WHERE f."listed_on" IS NOT NULL
      UNION ALL SELECT f."need_on", f."county_code", f."city_code", 0, 1, 0, 0, 0, 0, 0
        FROM "rollup_enterprise_facts" f WHERE f."listed_on" IS NOT NULL AND f."need_on" IS NOT NULL
      UNION ALL SELECT f."visit_on", f."county_code", f."city_code", 0, 0, 1, 0, 0, 0, 0
        FROM "rollup_enterprise_facts" f WHERE f."listed_on" IS NOT NULL AND f."visit_on" IS NOT NULL
      UNION ALL SELECT f."credit_on", f."county_code", f."city_code", 0, 0, 0, 1, 0, 0, 0
        FROM "rollup_enterprise_facts" f WHERE f."listed_on" IS NOT NULL AND f."credit_on" IS NOT NULL
      UNION ALL SELECT f."first_loan_on", f."county_code", f."city_code", 0, 0, 0, 0, 0, 1, f."first_loan_amount"
        FROM "rollup_enterprise_facts" f WHERE f."first_loan_on" IS NOT NULL
      UNION ALL SELECT l."decided_on", f."county_code", f."city_code", 0, 0, 0, 0, l."limit_amount", 0, 0
        FROM "credit_lines" l JOIN "rollup_enterprise_facts" f ON f."enterprise_id" = l."enterprise_id"
       WHERE l."status" = 'APPROVED' AND l."decided_on" IS NOT NULL AND f."listed_on" IS NOT NULL
    ) x
   GROUP BY x.day, x.county;

  INSERT INTO "rollup_bank_daily"
    ("day", "county_code", "city_code", "bank_id", "branch_key", "manager_key",
     "pooled", "needs", "visited", "credited", "credit_amount", "first_loans", "first_loan_amount")
  SELECT x.day, x.county, min(x.city), x.bank, x.branch, x.manager, sum(x.pooled), sum(x.needs), sum(x.visited),
         sum(x.credited), sum(x.credit_amount), sum(x.first_loans), sum(x.first_loan_amount)
    FROM (
      SELECT f."pooled_on" AS day, f."county_code" AS county, f."city_code" AS city, f."bank_id" AS bank,
             f."branch_key" AS branch, f."manager_key" AS manager, 1 AS pooled, 0 AS needs, 0 AS visited,
             0 AS credited, 0::numeric AS credit_amount, 0 AS first_loans, 0::numeric AS first_loan_amount
        FROM "rollup_client_facts" f WHERE f."is_listed" AND f."pooled_on" IS NOT NULL
      UNION ALL SELECT f."need_on", f."county_code", f."city_code", f."bank_id", f."branch_key", f."manager_key", 0, 1, 0, 0, 0, 0, 0
        FROM "rollup_client_facts" f WHERE f."is_listed" AND f."need_on" IS NOT NULL
      UNION ALL SELECT f."visit_on", f."county_code", f."city_code", f."bank_id", f."branch_key", f."manager_key", 0, 0, 1, 0, 0, 0, 0
        FROM "rollup_client_facts" f WHERE f."is_listed" AND f."visit_on" IS NOT NULL
      UNION ALL SELECT f."credit_on", f."county_code", f."city_code", f."bank_id", f."branch_key", f."manager_key", 0, 0, 0, 1, 0, 0, 0
        FROM "rollup_client_facts" f WHERE f."is_listed" AND f."credit_on" IS NOT NULL
      UNION ALL SELECT f."first_loan_on", f."county_code", f."city_code", f."bank_id", f."branch_key", f."manager_key", 0, 0, 0, 0, 0, 1, f."first_loan_amount"
        FROM "rollup_client_facts" f WHERE f."first_loan_on" IS NOT NULL
      UNION ALL SELECT l."decided_on", f."county_code", f."city_code", f."bank_id", f."branch_key", f."manager_key", 0, 0, 0, 0, l."limit_amount", 0, 0
        FROM "credit_lines" l JOIN "rollup_client_facts" f ON f."bank_id" = l."bank_id" AND f."enterprise_id" = l."enterprise_id"
       WHERE l."status" = 'APPROVED' AND l."decided_on" IS NOT NULL AND f."is_listed"
    ) x
   GROUP BY x.day, x.county, x.bank, x.branch, x.manager;
END;
$$;

-- Existing data (databases migrated before this point): build the rollups once.
SELECT "rollup_rebuild"();
