-- Hand-written: corrections to 20261128002300_rollups_triggers (already applied elsewhere, so
-- fixed here rather than edited). PL/pgSQL does not short-circuit a reference to a field the
-- row lacks: list_memberships rows have no "first_loan_bank_id", so the enterprises-only
-- branch must be a separate IF.
CREATE OR REPLACE FUNCTION "rollup_on_enterprise_fact"() RETURNS trigger
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
  IF TG_TABLE_NAME = 'enterprises' AND TG_OP = 'UPDATE' THEN
    IF OLD."first_loan_bank_id" IS NOT NULL THEN
      -- The old first-loan bank loses the loan even when it has no client row for the enterprise.
      PERFORM "rollup_refresh_client"(OLD."first_loan_bank_id", OLD."id");
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
