-- ───────────────────────── Hand-written ─────────────────────────
-- coverage_on_statement() without arrays of a bulk statement's ids:
--   * for new memberships (a province list: 525,000) it finds the enterprises not yet counted
--     as listed by joining its transition table to coverage_facts: as a constant, an array of
--     525,000 ids cost seconds of planning per statement (the planner's estimate of
--     `= ANY (array)` goes element by element), and a nested loop 525,000 index probes;
--   * for changed clients it finds the listed ones among them in one statement instead of two
--     sorted arrays of a bulk move's 100,000 (0.25 s of a 5 s move when none is listed).
-- coverage_refresh()'s own changes for a new list are in 20261201000300. Same results otherwise
-- (tests/integration/allocation-coverage.test.ts, rollups-recount).

CREATE OR REPLACE FUNCTION "coverage_on_statement"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  prev_nestloop text;
BEGIN
  -- (Nested IFs: a query naming a transition table the event lacks fails to plan.)
  IF TG_OP = 'INSERT' THEN
    IF TG_TABLE_NAME = 'list_memberships' THEN
      -- One more list changes nothing for an enterprise already counted as listed (a second
      -- list of known enterprises). Key-share locked: a refresh (which takes the row for update)
      -- that unlists one has committed, and the row is then not skipped, or waits for us.
      -- Hash-joined to the transition table (an array of a province list's ids as a constant
      -- costs seconds of planning; a nested loop, 525,000 index probes).
      prev_nestloop := current_setting('enable_nestloop');
      PERFORM set_config('enable_nestloop', 'off', true);
      PERFORM count(*) FROM (SELECT 1 FROM "coverage_facts" f
                              WHERE f."enterprise_id" IN (SELECT t."enterprise_id" FROM "coverage_new" t) AND f."is_listed"
                              ORDER BY f."enterprise_id" FOR KEY SHARE) l;
      SELECT array_agg(DISTINCT t."enterprise_id") INTO ids FROM "coverage_new" t
       WHERE NOT EXISTS (SELECT 1 FROM "coverage_facts" f WHERE f."enterprise_id" = t."enterprise_id" AND f."is_listed");
      PERFORM set_config('enable_nestloop', prev_nestloop, true);
    ELSE
      SELECT array_agg(DISTINCT t."enterprise_id") INTO ids FROM "coverage_new" t;
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT t."enterprise_id") INTO ids FROM "coverage_old" t;
  ELSIF TG_TABLE_NAME = 'bank_clients' THEN
    -- Only what coverage reads of a client: whether it has a manager, a last contact date.
    -- OLD and NEW paired by client id in one hash join (see above); a changed client gives
    -- its new bank × enterprise, and its old one too where that differs. Such a change counts
    -- only where its enterprise is listed and its bank is the responsible one: a reassignment
    -- of clients nobody counts (most of a bulk move outside the lists) refreshes nothing.
    -- Read without locking the facts: this statement holds the changed clients' row locks, and
    -- coverage_refresh() shared-locks the clients it reads, so a refresh that listed or
    -- allocated one of these enterprises has committed (its facts are seen here) or reads this
    -- change after our commit. One statement (a bulk move's 100,000 pairs were two sorted
    -- arrays before: 0.27 s); hashed against the facts only for a big statement (a single
    -- client's change looks its facts row up by key).
    prev_nestloop := current_setting('enable_nestloop');
    IF (SELECT count(*) FROM "coverage_new") > 1000 THEN PERFORM set_config('enable_nestloop', 'off', true); END IF;
    SELECT array_agg(DISTINCT f."enterprise_id") INTO ids
      FROM "coverage_new" n FULL JOIN "coverage_old" o ON o."id" = n."id"
      CROSS JOIN LATERAL (VALUES (true, n."enterprise_id", n."bank_id"), (false, o."enterprise_id", o."bank_id")) x("is_new", "enterprise_id", "bank_id")
      JOIN "coverage_facts" f ON f."enterprise_id" = x."enterprise_id" AND f."bank_key" = x."bank_id"
     WHERE (o."bank_id", o."enterprise_id", o."manager_id" IS NULL, o."last_contact_at" IS NULL)
           IS DISTINCT FROM (n."bank_id", n."enterprise_id", n."manager_id" IS NULL, n."last_contact_at" IS NULL)
       AND x."enterprise_id" IS NOT NULL
       AND (x."is_new" OR (o."enterprise_id", o."bank_id") IS DISTINCT FROM (n."enterprise_id", n."bank_id"))
       AND f."is_listed";
    PERFORM set_config('enable_nestloop', prev_nestloop, true);
  ELSIF TG_TABLE_NAME = 'enterprises' THEN
    SELECT array_agg(DISTINCT x."id") INTO ids FROM (
      (SELECT "id", "county_code", "city_code" FROM "coverage_old" EXCEPT SELECT "id", "county_code", "city_code" FROM "coverage_new")
      UNION ALL
      (SELECT "id", "county_code", "city_code" FROM "coverage_new" EXCEPT SELECT "id", "county_code", "city_code" FROM "coverage_old")
    ) x;
  ELSE
    SELECT array_agg(DISTINCT x."enterprise_id") INTO ids FROM (
      SELECT "enterprise_id" FROM "coverage_old" UNION SELECT "enterprise_id" FROM "coverage_new") x;
  END IF;
  PERFORM "coverage_refresh"(ids);
  RETURN NULL;
END;
$$;
ALTER FUNCTION "coverage_on_statement"() SET work_mem = '64MB';
