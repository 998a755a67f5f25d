-- ───────────────────────── Hand-written ─────────────────────────
-- A province list (scripts/bench/import.ts, 530,000 rows) adds ≈ 525,000 list memberships and
-- 530,000 batch rows, each in one INSERT, and every row paid a foreign-key check per reference,
-- each a query of its own run from the trigger queue with a row lock on the referenced row:
-- 3.0 s for the membership's enterprise, 1.9 s for its batch and about as much for the batch
-- row's batch (EXPLAIN ANALYZE of those INSERTs). The same rules are now checked once per
-- statement, on what the statement wrote (as 20261130173500_statement_level_client_refs does
-- for bulk moves):
--   * list_memberships.enterprise_id → enterprises, list_memberships.batch_id → list_batches,
--     list_batch_rows.batch_id → list_batches: every enterprise and batch a statement writes
--     exists, else the statement fails with the foreign key's own error (23503, the
--     constraint's name) and writes nothing.
--   * Deleting an enterprise or a batch that has memberships is refused (ON DELETE RESTRICT, as
--     before); deleting a batch deletes its rows (ON DELETE CASCADE, as before); changing an
--     id carries over (ON UPDATE CASCADE, as before).
-- Concurrency without a lock per referenced row (505,000 enterprise rows would each be locked,
-- that is written): a statement deleting enterprises or batches first takes list_memberships
-- (and list_batch_rows) in SHARE ROW EXCLUSIVE mode. That waits for every transaction that has written to
-- them (they hold ROW EXCLUSIVE until they end) and holds off new writers (and other deleters) until
-- the deleter ends. In READ COMMITTED, where each check below reads with a fresh snapshot, either the
-- writer's check runs after the delete committed and sees the row gone, or the deleter's runs
-- after the writer committed and sees what it wrote. A writer in REPEATABLE READ or
-- SERIALIZABLE (its snapshot may predate a committed delete) locks the rows it refers to FOR
-- KEY SHARE first, as the foreign key's check did: a concurrent delete then fails it with a
-- serialization error. A deleter must be in READ COMMITTED (it is refused otherwise). Nothing
-- in the application deletes enterprises or batches: the registry and the lists keep history.
-- The foreign keys stay in prisma/schema.prisma as relations; scripts/db/schema-engine.ts
-- lists their ADD CONSTRAINT statements as hand-written so the drift check does not ask for
-- them back (tests/integration/list-refs.test.ts checks the rules).

ALTER TABLE "list_memberships" DROP CONSTRAINT "list_memberships_enterprise_id_fkey";
ALTER TABLE "list_memberships" DROP CONSTRAINT "list_memberships_batch_id_fkey";
ALTER TABLE "list_batch_rows" DROP CONSTRAINT "list_batch_rows_batch_id_fkey";

-- The referencing side. The transition table is "list_refs_new" for every event (an update is
-- checked on every new row, as the foreign key checked a changed key; nothing updates these
-- tables' keys in the application).
CREATE FUNCTION "list_refs_check"() RETURNS trigger
LANGUAGE plpgsql SET enable_nestloop = off SET enable_mergejoin = off SET work_mem = '64MB' AS $$
DECLARE
  locking boolean := current_setting('transaction_isolation') <> 'read committed';
  missing boolean;
BEGIN
  IF TG_TABLE_NAME = 'list_memberships' THEN
    IF locking THEN
      PERFORM count(*) FROM (SELECT 1 FROM "enterprises" e WHERE e."id" IN (SELECT n."enterprise_id" FROM "list_refs_new" n)
                              ORDER BY e."id" FOR KEY SHARE) l;
    END IF;
    SELECT EXISTS (SELECT 1 FROM "list_refs_new" n WHERE NOT EXISTS (SELECT 1 FROM "enterprises" e WHERE e."id" = n."enterprise_id")) INTO missing;
    IF missing THEN
      RAISE EXCEPTION 'insert or update on table "list_memberships" violates foreign key constraint "list_memberships_enterprise_id_fkey"'
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'list_memberships_enterprise_id_fkey', TABLE = 'list_memberships';
    END IF;
  END IF;
  IF locking THEN
    PERFORM count(*) FROM (SELECT 1 FROM "list_batches" b WHERE b."id" IN (SELECT n."batch_id" FROM "list_refs_new" n)
                            ORDER BY b."id" FOR KEY SHARE) l;
  END IF;
  SELECT EXISTS (SELECT 1 FROM (SELECT DISTINCT n."batch_id" FROM "list_refs_new" n) n
                  WHERE NOT EXISTS (SELECT 1 FROM "list_batches" b WHERE b."id" = n."batch_id")) INTO missing;
  IF missing THEN
    RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', TG_TABLE_NAME, TG_TABLE_NAME || '_batch_id_fkey'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_TABLE_NAME || '_batch_id_fkey', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "list_memberships_check_refs_insert" AFTER INSERT ON "list_memberships"
  REFERENCING NEW TABLE AS "list_refs_new" FOR EACH STATEMENT EXECUTE FUNCTION "list_refs_check"();
CREATE TRIGGER "list_memberships_check_refs_update" AFTER UPDATE ON "list_memberships"
  REFERENCING NEW TABLE AS "list_refs_new" FOR EACH STATEMENT EXECUTE FUNCTION "list_refs_check"();
CREATE TRIGGER "list_batch_rows_check_refs_insert" AFTER INSERT ON "list_batch_rows"
  REFERENCING NEW TABLE AS "list_refs_new" FOR EACH STATEMENT EXECUTE FUNCTION "list_refs_check"();
CREATE TRIGGER "list_batch_rows_check_refs_update" AFTER UPDATE ON "list_batch_rows"
  REFERENCING NEW TABLE AS "list_refs_new" FOR EACH STATEMENT EXECUTE FUNCTION "list_refs_check"();

-- The referenced side: an enterprise or a batch with memberships is not deleted (RESTRICT); a
-- deleted batch takes its rows with it (CASCADE).
CREATE FUNCTION "list_refs_on_delete"() RETURNS trigger
LANGUAGE plpgsql SET enable_nestloop = off SET enable_mergejoin = off AS $$
DECLARE
  found boolean;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'deleting from "%" must run in READ COMMITTED (what refers to it is checked with a fresh snapshot)', TG_TABLE_NAME
      USING ERRCODE = 'feature_not_supported';
  END IF;
  LOCK TABLE "list_memberships" IN SHARE ROW EXCLUSIVE MODE;
  IF TG_TABLE_NAME = 'enterprises' THEN
    SELECT EXISTS (SELECT 1 FROM "list_refs_old" o JOIN "list_memberships" m ON m."enterprise_id" = o."id") INTO found;
    IF found THEN
      RAISE EXCEPTION 'update or delete on table "enterprises" violates foreign key constraint "list_memberships_enterprise_id_fkey" on table "list_memberships"'
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'list_memberships_enterprise_id_fkey', TABLE = 'list_memberships';
    END IF;
  ELSE
    SELECT EXISTS (SELECT 1 FROM "list_refs_old" o JOIN "list_memberships" m ON m."batch_id" = o."id") INTO found;
    IF found THEN
      RAISE EXCEPTION 'update or delete on table "list_batches" violates foreign key constraint "list_memberships_batch_id_fkey" on table "list_memberships"'
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'list_memberships_batch_id_fkey', TABLE = 'list_memberships';
    END IF;
    LOCK TABLE "list_batch_rows" IN SHARE ROW EXCLUSIVE MODE;
    DELETE FROM "list_batch_rows" r USING "list_refs_old" o WHERE r."batch_id" = o."id";
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "enterprises_list_refs_delete" AFTER DELETE ON "enterprises"
  REFERENCING OLD TABLE AS "list_refs_old" FOR EACH STATEMENT EXECUTE FUNCTION "list_refs_on_delete"();
CREATE TRIGGER "list_batches_list_refs_delete" AFTER DELETE ON "list_batches"
  REFERENCING OLD TABLE AS "list_refs_old" FOR EACH STATEMENT EXECUTE FUNCTION "list_refs_on_delete"();

-- A changed id carries over (ON UPDATE CASCADE).
CREATE FUNCTION "list_refs_follow_id"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'enterprises' THEN
    UPDATE "list_memberships" SET "enterprise_id" = NEW."id" WHERE "enterprise_id" = OLD."id";
  ELSE
    UPDATE "list_memberships" SET "batch_id" = NEW."id" WHERE "batch_id" = OLD."id";
    UPDATE "list_batch_rows" SET "batch_id" = NEW."id" WHERE "batch_id" = OLD."id";
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "enterprises_list_refs_follow_id" AFTER UPDATE OF "id" ON "enterprises"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id") EXECUTE FUNCTION "list_refs_follow_id"();
CREATE TRIGGER "list_batches_list_refs_follow_id" AFTER UPDATE OF "id" ON "list_batches"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id") EXECUTE FUNCTION "list_refs_follow_id"();
