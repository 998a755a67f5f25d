-- Hand-written: the rollup version (20261128043901_rollup_versions). Readers cache rollup
-- figures under sum(changes) and re-read when it moves (lib/rollups/cache.ts), so every
-- transaction that changes the rollup tables must move it, and only once it commits.
--
-- Why at commit: the bump takes a row lock on one slot. Taken in the middle of a transaction,
-- a writer holding its slot could wait for a row another writer holds while that writer
-- waits for the same slot (a deadlock). A deferred constraint trigger runs after all of the
-- transaction's own work, so the slot lock is the last lock taken and is held only while the
-- transaction commits. Slot = txid % 32, so two concurrent writers share a slot rarely.
--
-- Why it is exact: a reader reads the version first and the figures after (a later
-- snapshot), so cached figures are never older than their version; any transaction that
-- commits after the version was read moves it, and the next reader re-reads.

INSERT INTO "rollup_versions" ("slot", "changes") SELECT s, 0 FROM generate_series(0, 31) s;

-- Queues one bump per transaction, not one per changed row: the first changed row of the
-- transaction says "yes" and marks the transaction (a transaction-local setting, undone with
-- a rolled-back savepoint together with the queued bump).
CREATE FUNCTION "rollup_version_first_change"() RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF current_setting('shoudai.rollup_version_queued', true) = 'yes' THEN
    RETURN false;
  END IF;
  PERFORM set_config('shoudai.rollup_version_queued', 'yes', true);
  RETURN true;
END;
$$;

CREATE FUNCTION "rollup_version_bump"() RETURNS void
LANGUAGE sql AS $$
  UPDATE "rollup_versions" SET "changes" = "changes" + 1 WHERE "slot" = (txid_current() % 32)::smallint;
$$;

CREATE FUNCTION "rollup_version_on_commit"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "rollup_version_bump"();
  RETURN NULL;
END;
$$;

-- Every rollup change reaches a daily table (rollup_bump_region / rollup_bump_bank and the
-- rebuild all write them; the monthly tables move with them).
CREATE CONSTRAINT TRIGGER "rollup_version_region"
  AFTER INSERT OR UPDATE OR DELETE ON "rollup_region_daily"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN ("rollup_version_first_change"()) EXECUTE FUNCTION "rollup_version_on_commit"();
CREATE CONSTRAINT TRIGGER "rollup_version_bank"
  AFTER INSERT OR UPDATE OR DELETE ON "rollup_bank_daily"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN ("rollup_version_first_change"()) EXECUTE FUNCTION "rollup_version_on_commit"();

-- A rebuild empties the tables with TRUNCATE (no row triggers): it bumps itself. Rebuilds
-- run in bulk loads, alone, so the slot lock taken at its end does not wait on anyone.
CREATE OR REPLACE FUNCTION "rollup_rebuild"() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "rollup_rebuild_daily"();
  PERFORM "rollup_rebuild_monthly"();
  PERFORM "rollup_version_bump"();
END;
$$;
