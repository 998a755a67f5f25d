-- Hand-written: keeps the monthly rollup tables (20261128011349_rollups_monthly) exact beside
-- the daily ones. Every change to a daily row goes through rollup_bump_region/_bank, so
-- those two now add the same delta to the month's row; the line-moving helpers go through
-- them too. rollup_rebuild() rebuilds the months from the days. Reads take whole months from
-- the monthly tables and only the edge days from the daily tables (lib/rollups/query.ts).

CREATE OR REPLACE FUNCTION "rollup_bump_region"(
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
  INSERT INTO "rollup_region_monthly" AS r
    ("month", "county_code", "city_code", "listed", "needs", "visited", "credited", "credit_amount", "first_loans", "first_loan_amount")
  VALUES (date_trunc('month', p_day)::date, p_county, p_city, p_listed, p_needs, p_visited, p_credited, p_credit_amount, p_first_loans, p_first_loan_amount)
  ON CONFLICT ("month", "county_code") DO UPDATE SET
    "listed" = r."listed" + EXCLUDED."listed",
    "needs" = r."needs" + EXCLUDED."needs",
    "visited" = r."visited" + EXCLUDED."visited",
    "credited" = r."credited" + EXCLUDED."credited",
    "credit_amount" = r."credit_amount" + EXCLUDED."credit_amount",
    "first_loans" = r."first_loans" + EXCLUDED."first_loans",
    "first_loan_amount" = r."first_loan_amount" + EXCLUDED."first_loan_amount";
END;
$$;

CREATE OR REPLACE FUNCTION "rollup_bump_bank"(
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
  INSERT INTO "rollup_bank_monthly" AS r
    ("month", "county_code", "city_code", "bank_id", "branch_key", "manager_key",
     "pooled", "needs", "visited", "credited", "credit_amount", "first_loans", "first_loan_amount")
  VALUES (date_trunc('month', p_day)::date, p_county, p_city, p_bank, p_branch, p_manager,
     p_pooled, p_needs, p_visited, p_credited, p_credit_amount, p_first_loans, p_first_loan_amount)
  ON CONFLICT ("month", "county_code", "bank_id", "branch_key", "manager_key") DO UPDATE SET
    "pooled" = r."pooled" + EXCLUDED."pooled",
    "needs" = r."needs" + EXCLUDED."needs",
    "visited" = r."visited" + EXCLUDED."visited",
    "credited" = r."credited" + EXCLUDED."credited",
    "credit_amount" = r."credit_amount" + EXCLUDED."credit_amount",
    "first_loans" = r."first_loans" + EXCLUDED."first_loans",
    "first_loan_amount" = r."first_loan_amount" + EXCLUDED."first_loan_amount";
END;
$$;

-- The line movers wrote rollup_*_daily directly; they now go through the bump functions so
-- the months follow (an enterprise has a handful of lines: a loop costs nothing).
CREATE OR REPLACE FUNCTION "rollup_move_region_lines"(p_enterprise uuid, p_county varchar, p_city varchar, p_sign int)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT l."decided_on" AS day, sum(l."limit_amount") AS amount
      FROM "credit_lines" l
     WHERE l."enterprise_id" = p_enterprise AND l."status" = 'APPROVED' AND l."decided_on" IS NOT NULL
     GROUP BY l."decided_on" ORDER BY l."decided_on"
  LOOP
    PERFORM "rollup_bump_region"(r.day, p_county, p_city, 0, 0, 0, 0, p_sign * r.amount, 0, 0);
  END LOOP;
END;
$$;

CREATE OR REPLACE FUNCTION "rollup_move_bank_lines"(
  p_bank uuid, p_enterprise uuid, p_county varchar, p_city varchar, p_branch uuid, p_manager uuid, p_sign int
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT l."decided_on" AS day, sum(l."limit_amount") AS amount
      FROM "credit_lines" l
     WHERE l."enterprise_id" = p_enterprise AND l."bank_id" = p_bank
       AND l."status" = 'APPROVED' AND l."decided_on" IS NOT NULL
     GROUP BY l."decided_on" ORDER BY l."decided_on"
  LOOP
    PERFORM "rollup_bump_bank"(r.day, p_county, p_city, p_bank, p_branch, p_manager, 0, 0, 0, 0, p_sign * r.amount, 0, 0);
  END LOOP;
END;
$$;

-- Months from days, in one pass per table.
CREATE FUNCTION "rollup_rebuild_monthly"() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "rollup_region_monthly", "rollup_bank_monthly";
  INSERT INTO "rollup_region_monthly"
    ("month", "county_code", "city_code", "listed", "needs", "visited", "credited", "credit_amount", "first_loans", "first_loan_amount")
  SELECT date_trunc('month', "day")::date, "county_code", min("city_code"), sum("listed"), sum("needs"), sum("visited"),
         sum("credited"), sum("credit_amount"), sum("first_loans"), sum("first_loan_amount")
    FROM "rollup_region_daily" GROUP BY 1, 2;
  INSERT INTO "rollup_bank_monthly"
    ("month", "county_code", "city_code", "bank_id", "branch_key", "manager_key",
     "pooled", "needs", "visited", "credited", "credit_amount", "first_loans", "first_loan_amount")
  SELECT date_trunc('month', "day")::date, "county_code", min("city_code"), "bank_id", "branch_key", "manager_key",
         sum("pooled"), sum("needs"), sum("visited"), sum("credited"), sum("credit_amount"), sum("first_loans"), sum("first_loan_amount")
    FROM "rollup_bank_daily" GROUP BY 1, 2, 4, 5, 6;
END;
$$;

-- rollup_rebuild() (20261128002300) rebuilt the daily tables; it keeps its name and now does
-- both, so no caller can rebuild the days and forget the months.
ALTER FUNCTION "rollup_rebuild"() RENAME TO "rollup_rebuild_daily";
CREATE FUNCTION "rollup_rebuild"() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "rollup_rebuild_daily"();
  PERFORM "rollup_rebuild_monthly"();
END;
$$;

SELECT "rollup_rebuild_monthly"();
