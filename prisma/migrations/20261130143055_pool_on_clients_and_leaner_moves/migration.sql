-- DropForeignKey
ALTER TABLE "client_assignments" DROP CONSTRAINT "client_assignments_bank_id_fkey";

-- DropIndex
DROP INDEX "bank_clients_branch_id_stage_idx";

-- DropIndex
DROP INDEX "bank_clients_manager_id_stage_idx";

-- AlterTable
ALTER TABLE "bank_clients" ADD COLUMN     "enterprise_county" VARCHAR(6),
ADD COLUMN     "enterprise_name" TEXT,
ADD COLUMN     "enterprise_uscc" CHAR(18);

-- ───────────────────────── Hand-written ─────────────────────────
-- Bulk moves (distribution, assignment, handover) and the pool search, measured with
-- scripts/bench/assign.ts and scripts/bench/pool-search.ts (figures in README.md):
--   * client_assignments.bank_id loses its foreign key: the history row's client already
--     refers to a bank_clients row, whose bank_id has its own foreign key, and the move writes
--     the client's own bank. The check per row was 0.4 s of a 100,000-client move.
--   * bank_clients loses (manager_id, stage) and (branch_id, stage): every read of a branch's
--     or a manager's clients names the bank too and is served by bank_clients_scope_idx
--     (bank_id, branch_id, manager_id, enterprise_id) INCLUDE (stage). Two index entries less
--     per moved client.
--   * bank_clients carries a copy of its enterprise's name, USCC and county, so a pool search
--     reads the bank's (or the branch's) clients alone instead of one registry lookup per client.

-- The copy, taken from the registry on every insert (and on any write to the copied columns
-- or to enterprise_id): whatever a writer puts there, the registry's values are what is kept.
CREATE FUNCTION "bank_clients_copy_enterprise"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT e."name", e."uscc", e."county_code"
    INTO NEW."enterprise_name", NEW."enterprise_uscc", NEW."enterprise_county"
    FROM "enterprises" e WHERE e."id" = NEW."enterprise_id";
  RETURN NEW;
END;
$$;
CREATE TRIGGER "bank_clients_copy_enterprise"
  BEFORE INSERT OR UPDATE OF "enterprise_id", "enterprise_name", "enterprise_uscc", "enterprise_county" ON "bank_clients"
  FOR EACH ROW EXECUTE FUNCTION "bank_clients_copy_enterprise"();

-- A registry change (an import renames or re-counties enterprises) follows to every bank's
-- client of the enterprise, once per statement. (Transition tables cannot be combined with a
-- column list: the function compares instead, and does nothing when nothing copied changed.)
CREATE FUNCTION "enterprises_copy_to_clients"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "bank_clients" bc
     SET "enterprise_name" = n."name", "enterprise_uscc" = n."uscc", "enterprise_county" = n."county_code"
    FROM "enterprises_copy_new" n
   WHERE bc."enterprise_id" = n."id"
     AND (bc."enterprise_name", bc."enterprise_uscc", bc."enterprise_county") IS DISTINCT FROM (n."name", n."uscc", n."county_code");
  RETURN NULL;
END;
$$;
CREATE TRIGGER "enterprises_copy_to_clients"
  AFTER UPDATE ON "enterprises" REFERENCING NEW TABLE AS "enterprises_copy_new"
  FOR EACH STATEMENT EXECUTE FUNCTION "enterprises_copy_to_clients"();

-- Fill the copy for the clients there are. The rollups count none of these columns: their
-- triggers are skipped for this statement (as the scenario loader does).
SELECT set_config('shoudai.rollups', 'deferred', true);
UPDATE "bank_clients" bc SET "enterprise_name" = e."name"
  FROM "enterprises" e WHERE e."id" = bc."enterprise_id";
SELECT set_config('shoudai.rollups', '', true);

-- A bank's clients in the pool's keyset order (enterprise name, then id): head office's pages
-- walk it and stop after one page, and its searches (name fragment, USCC prefix, county) are
-- tested on the index entries alone.
CREATE INDEX "bank_clients_pool_idx" ON "bank_clients" ("bank_id", "enterprise_name", "enterprise_id")
  INCLUDE ("enterprise_uscc", "enterprise_county");
ANALYZE "bank_clients";
