-- Pool search at province scale (hand-written: Prisma's schema language cannot describe
-- expression or INCLUDE indexes; scripts/db/schema-engine.ts lists them in HAND_WRITTEN_OBJECTS).
-- Measurements: scripts/bench/pool-search.ts on the zhejiang-2020 scenario (722,880 enterprises,
-- 770,144 bank clients; the largest bank holds 209,349).

-- Name fragments. pg_trgm cannot serve Chinese here: under the cluster's C character type
-- show_trgm() of a Chinese name is empty, and Chinese searches are mostly two characters
-- (no trigram at all). So GIN over the name's characters: a fragment's candidates are the
-- names holding all of its characters (@>), rechecked with LIKE. Measured against a GIN over
-- character bigrams (a PL/pgSQL function): the same candidates for every fragment tried on
-- the scenario (科技, 浙江, 杨梅, 宏达五金, 便利, 桐乡, …; a few false ones for pairs that are not
-- words: 瑞达 198, 金华 1,701, all rejected by LIKE), a smaller index (17 MB vs 24 MB), and a
-- built-in C function 10+ times cheaper to evaluate (it is re-evaluated on every row a plan
-- filters rather than finds through the index, and on every insert of an import).
-- lower(): ASCII letters in names (Latin suffixes) match either case.
CREATE INDEX "enterprises_name_chars_idx" ON "enterprises" USING gin ((string_to_array(lower("name"), NULL)));

-- The pool's keyset order (name, id). Walking it serves the pages of wide searches in a whole
-- bank's pool (head office) without sorting the matches.
CREATE INDEX "enterprises_name_id_idx" ON "enterprises" ("name", "id");

-- Every read scope in one index: bank (head office), bank + branch (branch head; branch NULL =
-- waiting at head office), bank + branch + manager (account manager; manager NULL = not
-- assigned). Reading a scope is index-only (stage included for the stage filter), and a plan
-- that finds enterprises first (a rare fragment, a USCC prefix, a county) probes it with the
-- enterprise id as the last key column.
CREATE INDEX "bank_clients_scope_idx" ON "bank_clients" ("bank_id", "branch_id", "manager_id", "enterprise_id") INCLUDE ("stage");
