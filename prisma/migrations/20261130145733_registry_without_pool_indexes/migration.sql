-- The pool search reads bank_clients' own copy of the enterprise's name, USCC and county
-- (20261130143055_pool_on_clients_and_leaner_moves): the registry's pool-search indexes serve
-- nothing any more, and every new enterprise of an import paid for them (the name-character
-- GIN alone 2.1 s of 300,000 inserts, (name, id) 1.0 s: docs/lists.md).
DROP INDEX "enterprises_name_chars_idx";
DROP INDEX "enterprises_name_id_idx";
DROP INDEX "enterprises_county_code_name_id_idx";
