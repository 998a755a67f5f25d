-- ───────────────────────── Hand-written ─────────────────────────
-- client_assignments_check_client() (20261130173500_statement_level_client_refs) for a bulk
-- move's 100,000 history rows: a transition table has no statistics, the planner probed the
-- clients' primary key once per row (0.2–0.3 s of a 5 s move). Over 1,000 rows it now joins by
-- hashing; a single reassignment keeps its index lookup. Same rule: every history row names an
-- existing client of its own bank and enterprise.
CREATE OR REPLACE FUNCTION "client_assignments_check_client"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  prev_nestloop text := current_setting('enable_nestloop');
  missing boolean;
BEGIN
  IF (SELECT count(*) FROM "client_assignments_new") > 1000 THEN
    PERFORM set_config('enable_nestloop', 'off', true);
  END IF;
  SELECT EXISTS (SELECT 1 FROM "client_assignments_new" n
                  WHERE NOT EXISTS (SELECT 1 FROM "bank_clients" bc
                                     WHERE bc."id" = n."client_id" AND bc."bank_id" = n."bank_id" AND bc."enterprise_id" = n."enterprise_id"))
    INTO missing;
  PERFORM set_config('enable_nestloop', prev_nestloop, true);
  IF missing THEN
    RAISE EXCEPTION 'insert on table "client_assignments" violates foreign key constraint "client_assignments_client_id_fkey"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'client_assignments_client_id_fkey', TABLE = 'client_assignments';
  END IF;
  RETURN NULL;
END;
$$;
