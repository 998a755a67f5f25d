-- ───────────────────────── Hand-written ─────────────────────────
-- A bulk move rewrites every moved client's rollup_client_facts row (its branch and manager
-- keys, none of them indexed). With pages 80 % full (20261130130500_rollups_bulk_paths) most
-- of those new row versions found no room on their page: a new page and two index entries
-- each. Half-full pages keep a whole page's rows on the page when all of them move at once
-- (heap-only updates: no index entry), and the room comes back as the old versions are pruned.
-- Measured on a 100,000-client move: 100 % heap-only updates instead of about a third, the
-- rollup trigger ≈ half its time; the table takes about twice the room (≈ 110 MB for 200,000
-- clients). The rebuild (TRUNCATE, then insert) fills new pages to 50 % anyway; the rows there
-- are now are rewritten once here.
ALTER TABLE "rollup_client_facts" SET (fillfactor = 50);
CREATE TEMP TABLE "rollup_client_facts_copy" ON COMMIT DROP AS SELECT * FROM "rollup_client_facts";
TRUNCATE "rollup_client_facts";
INSERT INTO "rollup_client_facts" SELECT * FROM pg_temp."rollup_client_facts_copy" ORDER BY "bank_id", "enterprise_id";
ANALYZE "rollup_client_facts";
