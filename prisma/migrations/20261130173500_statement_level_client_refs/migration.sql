-- ───────────────────────── Hand-written ─────────────────────────
-- Bulk moves (scripts/bench/assign.ts): a move of 100,000 clients paid one foreign-key check
-- per row for the new manager (or branch) and one per history row for its client, each a
-- query of its own run from the trigger queue (≈ 1.7 s of CPU of a 100,000-client assignment
-- to ten managers on this machine, measured under load). The same
-- rules are now checked once per statement, on the distinct values the statement wrote:
--   * bank_clients.branch_id → branches, bank_clients.manager_id → users: every branch and
--     manager a statement writes exists, and is share-locked (FOR KEY SHARE, as the foreign
--     key's check did) so it cannot be deleted before we commit. Deleting a branch or a user
--     clears it on its clients (ON DELETE SET NULL, as before); changing their id carries over
--     (ON UPDATE CASCADE, as before).
--   * client_assignments.client_id → bank_clients: every history row names an existing client
--     of the row's own bank and enterprise (stricter than the foreign key, which checked the
--     id only). Every writer of history holds the client's row while it writes (a move has it
--     locked, a new client's first row is written by the transaction that inserted it), and a
--     client with history cannot be deleted (checked per statement) nor change its id.
-- The foreign keys stay in prisma/schema.prisma as relations; scripts/db/schema-engine.ts
-- lists their ADD CONSTRAINT statements as hand-written so the drift check does not ask for
-- them back.

ALTER TABLE "bank_clients" DROP CONSTRAINT "bank_clients_branch_id_fkey";
ALTER TABLE "bank_clients" DROP CONSTRAINT "bank_clients_manager_id_fkey";
ALTER TABLE "client_assignments" DROP CONSTRAINT "client_assignments_client_id_fkey";

-- The referencing side: the branches and managers a statement newly wrote (every row of an
-- insert; of an update, the rows whose branch or manager changed, as the foreign key's check
-- did), locked in id order, must all exist.
CREATE FUNCTION "bank_clients_check_refs"() RETURNS trigger
LANGUAGE plpgsql SET enable_nestloop = off SET enable_mergejoin = off AS $$
DECLARE
  branches_wanted uuid[];
  managers_wanted uuid[];
  found bigint;
BEGIN
  -- (Nested IFs: a query naming a transition table the event lacks fails to plan.)
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n."branch_id") FILTER (WHERE n."branch_id" IS NOT NULL),
           array_agg(DISTINCT n."manager_id") FILTER (WHERE n."manager_id" IS NOT NULL)
      INTO branches_wanted, managers_wanted FROM "bank_clients_refs_new" n;
  ELSE
    -- Transition tables have no statistics: hash join forced (the SET clause above), one pass each.
    SELECT array_agg(DISTINCT n."branch_id") FILTER (WHERE n."branch_id" IS NOT NULL AND n."branch_id" IS DISTINCT FROM o."branch_id"),
           array_agg(DISTINCT n."manager_id") FILTER (WHERE n."manager_id" IS NOT NULL AND n."manager_id" IS DISTINCT FROM o."manager_id")
      INTO branches_wanted, managers_wanted
      FROM "bank_clients_refs_new" n LEFT JOIN "bank_clients_refs_old" o ON o."id" = n."id";
  END IF;
  IF branches_wanted IS NOT NULL THEN
    SELECT count(*) INTO found FROM (SELECT 1 FROM "branches" b WHERE b."id" = ANY(branches_wanted) ORDER BY b."id" FOR KEY SHARE) l;
    IF found < cardinality(branches_wanted) THEN
      RAISE EXCEPTION 'insert or update on table "bank_clients" violates foreign key constraint "bank_clients_branch_id_fkey"'
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'bank_clients_branch_id_fkey', TABLE = 'bank_clients';
    END IF;
  END IF;
  IF managers_wanted IS NOT NULL THEN
    SELECT count(*) INTO found FROM (SELECT 1 FROM "users" u WHERE u."id" = ANY(managers_wanted) ORDER BY u."id" FOR KEY SHARE) l;
    IF found < cardinality(managers_wanted) THEN
      RAISE EXCEPTION 'insert or update on table "bank_clients" violates foreign key constraint "bank_clients_manager_id_fkey"'
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'bank_clients_manager_id_fkey', TABLE = 'bank_clients';
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "bank_clients_check_refs_insert" AFTER INSERT ON "bank_clients"
  REFERENCING NEW TABLE AS "bank_clients_refs_new" FOR EACH STATEMENT EXECUTE FUNCTION "bank_clients_check_refs"();
CREATE TRIGGER "bank_clients_check_refs_update" AFTER UPDATE ON "bank_clients"
  REFERENCING OLD TABLE AS "bank_clients_refs_old" NEW TABLE AS "bank_clients_refs_new"
  FOR EACH STATEMENT EXECUTE FUNCTION "bank_clients_check_refs"();

-- The referenced side: ON DELETE SET NULL and ON UPDATE CASCADE, as the foreign keys had.
CREATE FUNCTION "branches_release_clients"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "bank_clients" bc SET "branch_id" = NULL WHERE bc."branch_id" IN (SELECT o."id" FROM "branches_refs_old" o);
  RETURN NULL;
END;
$$;
CREATE TRIGGER "branches_release_clients" AFTER DELETE ON "branches"
  REFERENCING OLD TABLE AS "branches_refs_old" FOR EACH STATEMENT EXECUTE FUNCTION "branches_release_clients"();

CREATE FUNCTION "users_release_clients"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "bank_clients" bc SET "manager_id" = NULL WHERE bc."manager_id" IN (SELECT o."id" FROM "users_refs_old" o);
  RETURN NULL;
END;
$$;
CREATE TRIGGER "users_release_clients" AFTER DELETE ON "users"
  REFERENCING OLD TABLE AS "users_refs_old" FOR EACH STATEMENT EXECUTE FUNCTION "users_release_clients"();

CREATE FUNCTION "client_refs_follow_id"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'branches' THEN
    UPDATE "bank_clients" SET "branch_id" = NEW."id" WHERE "branch_id" = OLD."id";
  ELSE
    UPDATE "bank_clients" SET "manager_id" = NEW."id" WHERE "manager_id" = OLD."id";
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "branches_follow_id" AFTER UPDATE OF "id" ON "branches"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id") EXECUTE FUNCTION "client_refs_follow_id"();
CREATE TRIGGER "users_follow_id" AFTER UPDATE OF "id" ON "users"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id") EXECUTE FUNCTION "client_refs_follow_id"();

-- History names a client of its own bank and enterprise.
CREATE FUNCTION "client_assignments_check_client"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "client_assignments_new" n
              WHERE NOT EXISTS (SELECT 1 FROM "bank_clients" bc
                                 WHERE bc."id" = n."client_id" AND bc."bank_id" = n."bank_id" AND bc."enterprise_id" = n."enterprise_id")) THEN
    RAISE EXCEPTION 'insert on table "client_assignments" violates foreign key constraint "client_assignments_client_id_fkey"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'client_assignments_client_id_fkey', TABLE = 'client_assignments';
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "client_assignments_check_client" AFTER INSERT ON "client_assignments"
  REFERENCING NEW TABLE AS "client_assignments_new" FOR EACH STATEMENT EXECUTE FUNCTION "client_assignments_check_client"();

-- A client with history keeps it: not deleted (ON DELETE RESTRICT), its id not changed.
CREATE FUNCTION "bank_clients_keep_history"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM "bank_clients_history_old" o JOIN "client_assignments" ca ON ca."client_id" = o."id") THEN
      RAISE EXCEPTION 'update or delete on table "bank_clients" violates foreign key constraint "client_assignments_client_id_fkey" on table "client_assignments"'
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'client_assignments_client_id_fkey', TABLE = 'client_assignments';
    END IF;
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM "client_assignments" ca WHERE ca."client_id" = OLD."id") THEN
    RAISE EXCEPTION 'update or delete on table "bank_clients" violates foreign key constraint "client_assignments_client_id_fkey" on table "client_assignments"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'client_assignments_client_id_fkey', TABLE = 'client_assignments';
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "bank_clients_keep_history_delete" AFTER DELETE ON "bank_clients"
  REFERENCING OLD TABLE AS "bank_clients_history_old" FOR EACH STATEMENT EXECUTE FUNCTION "bank_clients_keep_history"();
CREATE TRIGGER "bank_clients_keep_history_id" AFTER UPDATE OF "id" ON "bank_clients"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id") EXECUTE FUNCTION "bank_clients_keep_history"();
