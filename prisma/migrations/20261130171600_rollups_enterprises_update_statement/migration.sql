-- Hand-written: the rollups follow a registry UPDATE once per statement instead of once per
-- row. A regulator's list that re-counties 20,000 known enterprises refreshed them one by one
-- (rollup_refresh_enterprise_all per row, ≈ 0.2–0.6 ms each); now the changed enterprises go
-- to rollup_refresh_enterprises() together: up to 8 one by one as before, more through the set
-- refresh (rollup_refresh_set), as every other statement-level rollup trigger does. Same
-- trigger name, same columns watched (county, city, first loan date, bank and amount), same
-- extra refresh of the old first-loan bank's client facts (it loses the loan even without a
-- client row). A transition table cannot take a column list: the function compares the
-- watched columns itself, and a statement that changes none of them (a rename) refreshes
-- nothing.
DROP TRIGGER IF EXISTS "rollup_enterprises_update" ON "enterprises";

CREATE OR REPLACE FUNCTION "rollup_on_enterprises_update_statement"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  one record;
BEGIN
  SELECT array_agg(DISTINCT x."id") INTO ids FROM (
    (SELECT "id", "county_code", "city_code", "first_loan_on", "first_loan_bank_id", "first_loan_amount" FROM "rollup_enterprises_old"
     EXCEPT SELECT "id", "county_code", "city_code", "first_loan_on", "first_loan_bank_id", "first_loan_amount" FROM "rollup_enterprises_new")
    UNION ALL
    (SELECT "id", "county_code", "city_code", "first_loan_on", "first_loan_bank_id", "first_loan_amount" FROM "rollup_enterprises_new"
     EXCEPT SELECT "id", "county_code", "city_code", "first_loan_on", "first_loan_bank_id", "first_loan_amount" FROM "rollup_enterprises_old")
  ) x;
  IF ids IS NULL THEN RETURN NULL; END IF;
  PERFORM "rollup_refresh_enterprises"(ids);
  -- The old first-loan bank loses the loan even when it has no client row for the enterprise.
  FOR one IN SELECT DISTINCT o."first_loan_bank_id" AS "bank_id", o."id" FROM "rollup_enterprises_old" o
              WHERE o."id" = ANY (ids) AND o."first_loan_bank_id" IS NOT NULL ORDER BY o."id", o."first_loan_bank_id" LOOP
    PERFORM "rollup_refresh_client"(one."bank_id", one."id");
  END LOOP;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "rollup_enterprises_update" AFTER UPDATE ON "enterprises"
  REFERENCING OLD TABLE AS "rollup_enterprises_old" NEW TABLE AS "rollup_enterprises_new"
  FOR EACH STATEMENT WHEN ("rollup_is_live"()) EXECUTE FUNCTION "rollup_on_enterprises_update_statement"();
