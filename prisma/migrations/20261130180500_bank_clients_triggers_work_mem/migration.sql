-- ───────────────────────── Hand-written ─────────────────────────
-- The statement triggers that pair a big UPDATE's OLD and NEW rows in a hash join (see
-- 20261130173500_statement_level_client_refs and 20261130174000_leaner_rollup_moves) get the
-- memory to do it in one pass whoever runs the statement (the bulk moves set 64 MB for their
-- transaction; an import's or an administrator's UPDATE of 100,000 clients would otherwise
-- hash in 4 MB batches on disk).
ALTER FUNCTION "bank_clients_check_refs"() SET work_mem = '64MB';
ALTER FUNCTION "rollup_on_bank_clients_statement"() SET work_mem = '64MB';
ALTER FUNCTION "coverage_on_statement"() SET work_mem = '64MB';
