

-- CreateTable
CREATE TABLE "coverage_facts" (
    "enterprise_id" UUID NOT NULL,
    "is_listed" BOOLEAN NOT NULL DEFAULT false,
    "county_code" VARCHAR(6),
    "city_code" VARCHAR(6),
    "bank_key" UUID,
    "is_assigned" BOOLEAN NOT NULL DEFAULT false,
    "is_contacted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "coverage_facts_pkey" PRIMARY KEY ("enterprise_id")
);

-- CreateTable
CREATE TABLE "coverage_counts" (
    "county_code" VARCHAR(6) NOT NULL,
    "city_code" VARCHAR(6) NOT NULL,
    "bank_key" UUID NOT NULL,
    "listed" INTEGER NOT NULL DEFAULT 0,
    "allocated" INTEGER NOT NULL DEFAULT 0,
    "assigned" INTEGER NOT NULL DEFAULT 0,
    "contacted" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "coverage_counts_pkey" PRIMARY KEY ("county_code","bank_key")
);

-- ───────────────────────── Hand-written ─────────────────────────
-- Coverage (一企一行) as counts kept by triggers instead of a count over every listed
-- enterprise on each load of /coverage (1.7–2.7 s at 530,000). An enterprise counts when it is
-- on a list; under its responsible bank (enterprise_allocations; the all-zero uuid when none);
-- assigned when that bank's client has a manager; contacted when that client has a last
-- contact date or a visit (lib/queries/coverage.ts has the definitions).
--
-- How it stays exact: every statement that can change one of those facts names the
-- enterprises it touched; coverage_refresh() then, per enterprise, makes sure a coverage_facts
-- row exists, locks it (enterprise order, one statement), and only afterwards reads the base
-- tables (a new snapshot: whatever a writer holding the lock before committed is seen),
-- compares with the stored facts and moves the difference into coverage_counts. Two writers of
-- the same enterprise take turns on its facts row, and the second reads what the first wrote.

-- The enterprises to refresh, as a set: the array when small, else a temporary table
-- (pg_temp.coverage_set_ids, analysed: hash joins over a province instead of index probes).
CREATE FUNCTION "coverage_refresh"(p_ids uuid[]) RETURNS void
LANGUAGE plpgsql SET work_mem = '64MB' AS $$
DECLARE
  src text;
  fresh_ids uuid[];
BEGIN
  IF p_ids IS NULL OR cardinality(p_ids) = 0 THEN RETURN; END IF;
  IF cardinality(p_ids) > 1000 THEN
    IF to_regclass('pg_temp.coverage_set_ids') IS NOT NULL THEN DROP TABLE pg_temp."coverage_set_ids"; END IF;
    CREATE TEMP TABLE "coverage_set_ids" ON COMMIT DROP AS SELECT DISTINCT x AS "enterprise_id" FROM unnest(p_ids) x;
    ANALYZE pg_temp."coverage_set_ids";
    src := 'SELECT "enterprise_id" FROM pg_temp."coverage_set_ids"';
  ELSE
    src := 'SELECT DISTINCT x AS "enterprise_id" FROM unnest($1) x';
  END IF;

  -- 1. Enterprises coverage has not seen yet (most of a new list's): one has no allocation and
  --    no client (every statement creating one refreshes it, coverage_rebuild() writes a row
  --    for each), so what it counts is known from the registry and the lists alone. Its new
  --    facts row is written and counted at once; its insert is its lock (a concurrent writer
  --    of the same enterprise waits on it, then takes the general path below).
  EXECUTE format($q$
    WITH fresh AS (
      INSERT INTO "coverage_facts" ("enterprise_id", "is_listed", "county_code", "city_code")
      SELECT e."id", EXISTS (SELECT 1 FROM "list_memberships" m WHERE m."enterprise_id" = e."id"), e."county_code", e."city_code"
        FROM (%s) i JOIN "enterprises" e ON e."id" = i."enterprise_id" ORDER BY 1
      ON CONFLICT DO NOTHING
      RETURNING "enterprise_id", "is_listed", "county_code", "city_code"
    ),
    counted AS (
      INSERT INTO "coverage_counts" AS c ("county_code", "city_code", "bank_key", "listed")
      SELECT "county_code", min("city_code"), "rollup_nil"(), count(*)::int FROM fresh WHERE "is_listed" GROUP BY 1 ORDER BY 1
      ON CONFLICT ("county_code", "bank_key") DO UPDATE SET "listed" = c."listed" + EXCLUDED."listed"
    )
    SELECT array_agg("enterprise_id") FROM fresh$q$, src) INTO fresh_ids USING p_ids;
  IF fresh_ids IS NOT NULL THEN
    src := format('SELECT i."enterprise_id" FROM (%s) i WHERE i."enterprise_id" <> ALL ($2)', src);
  END IF;

  -- 2. The others: a facts row for each (the lock row), then the locks, in one order for every writer.
  EXECUTE format('INSERT INTO "coverage_facts" ("enterprise_id") SELECT "enterprise_id" FROM (%s) i ORDER BY 1 ON CONFLICT DO NOTHING', src) USING p_ids, fresh_ids;
  EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM "coverage_facts" f WHERE f."enterprise_id" IN (%s) ORDER BY f."enterprise_id" FOR UPDATE) l', src) USING p_ids, fresh_ids;
  -- The clients read below, shared-locked: a statement changing one of them (whose own
  -- trigger may skip the refresh, see coverage_on_statement) commits before we read it, or
  -- waits until we commit and then sees the facts we wrote.
  EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM "bank_clients" bc WHERE bc."enterprise_id" IN (%s) ORDER BY bc."id" FOR SHARE) l', src) USING p_ids, fresh_ids;

  -- 3. Read the base tables now, compare, write the facts and the difference of the counts.
  EXECUTE format($q$
    WITH ids AS MATERIALIZED (%s),
    now_ AS (
      SELECT i."enterprise_id",
             (e."id" IS NOT NULL AND EXISTS (SELECT 1 FROM "list_memberships" m WHERE m."enterprise_id" = i."enterprise_id")) AS "is_listed",
             e."county_code", e."city_code", a."bank_id" AS "bank_key",
             coalesce(bc."manager_id" IS NOT NULL, false) AS "is_assigned",
             coalesce(bc."last_contact_at" IS NOT NULL OR EXISTS (SELECT 1 FROM "visits" v WHERE v."client_id" = bc."id"), false) AS "is_contacted"
        FROM ids i
        LEFT JOIN "enterprises" e ON e."id" = i."enterprise_id"
        LEFT JOIN "enterprise_allocations" a ON a."enterprise_id" = i."enterprise_id"
        LEFT JOIN "bank_clients" bc ON bc."bank_id" = a."bank_id" AND bc."enterprise_id" = i."enterprise_id"
    ),
    changed AS MATERIALIZED (
      SELECT n.*, f."is_listed" AS "was_listed", f."county_code" AS "was_county", f."city_code" AS "was_city",
             f."bank_key" AS "was_bank", f."is_assigned" AS "was_assigned", f."is_contacted" AS "was_contacted"
        FROM now_ n JOIN "coverage_facts" f ON f."enterprise_id" = n."enterprise_id"
       WHERE (f."is_listed", f."county_code", f."city_code", f."bank_key", f."is_assigned", f."is_contacted")
             IS DISTINCT FROM (n."is_listed", n."county_code", n."city_code", n."bank_key", n."is_assigned", n."is_contacted")
    ),
    facts AS (
      UPDATE "coverage_facts" f SET "is_listed" = c."is_listed", "county_code" = c."county_code", "city_code" = c."city_code",
             "bank_key" = c."bank_key", "is_assigned" = c."is_assigned", "is_contacted" = c."is_contacted"
        FROM changed c WHERE f."enterprise_id" = c."enterprise_id"
    ),
    delta AS (
      SELECT x.county, min(x.city) AS city, x.bank, sum(x.s)::int AS listed,
             (sum(x.s) FILTER (WHERE x.bank <> "rollup_nil"()))::int AS allocated,
             (sum(x.s) FILTER (WHERE x.assigned))::int AS assigned, (sum(x.s) FILTER (WHERE x.contacted))::int AS contacted
        FROM (SELECT "was_county" AS county, "was_city" AS city, coalesce("was_bank", "rollup_nil"()) AS bank,
                     "was_assigned" AS assigned, "was_contacted" AS contacted, -1 AS s FROM changed WHERE "was_listed"
              UNION ALL
              SELECT "county_code", "city_code", coalesce("bank_key", "rollup_nil"()), "is_assigned", "is_contacted", 1 FROM changed WHERE "is_listed") x
       GROUP BY x.county, x.bank
    )
    INSERT INTO "coverage_counts" AS c ("county_code", "city_code", "bank_key", "listed", "allocated", "assigned", "contacted")
    SELECT county, city, bank, listed, coalesce(allocated, 0), coalesce(assigned, 0), coalesce(contacted, 0)
      FROM delta WHERE (listed, coalesce(allocated, 0), coalesce(assigned, 0), coalesce(contacted, 0)) <> (0, 0, 0, 0)
     ORDER BY county, bank
    ON CONFLICT ("county_code", "bank_key") DO UPDATE SET
      "listed" = c."listed" + EXCLUDED."listed", "allocated" = c."allocated" + EXCLUDED."allocated",
      "assigned" = c."assigned" + EXCLUDED."assigned", "contacted" = c."contacted" + EXCLUDED."contacted"
  $q$, src) USING p_ids, fresh_ids;
END;
$$;

-- From scratch (the scenario loader and anything else that defers the rollup triggers calls
-- rollup_rebuild(), which now ends here).
CREATE FUNCTION "coverage_rebuild"() RETURNS void
LANGUAGE plpgsql SET work_mem = '64MB' AS $$
BEGIN
  LOCK TABLE "coverage_facts", "coverage_counts" IN EXCLUSIVE MODE;
  DELETE FROM "coverage_counts";
  DELETE FROM "coverage_facts";
  -- A row for every enterprise on a list, allocated or with a client (the bank_clients
  -- trigger relies on the last: see coverage_on_statement()).
  INSERT INTO "coverage_facts" ("enterprise_id", "is_listed", "county_code", "city_code", "bank_key", "is_assigned", "is_contacted")
  SELECT e."id", EXISTS (SELECT 1 FROM "list_memberships" m WHERE m."enterprise_id" = e."id"), e."county_code", e."city_code", a."bank_id",
         coalesce(bc."manager_id" IS NOT NULL, false),
         coalesce(bc."last_contact_at" IS NOT NULL OR EXISTS (SELECT 1 FROM "visits" v WHERE v."client_id" = bc."id"), false)
    FROM "enterprises" e
    LEFT JOIN "enterprise_allocations" a ON a."enterprise_id" = e."id"
    LEFT JOIN "bank_clients" bc ON bc."bank_id" = a."bank_id" AND bc."enterprise_id" = e."id"
   WHERE EXISTS (SELECT 1 FROM "list_memberships" m WHERE m."enterprise_id" = e."id")
      OR a."enterprise_id" IS NOT NULL
      OR EXISTS (SELECT 1 FROM "bank_clients" c WHERE c."enterprise_id" = e."id");
  INSERT INTO "coverage_counts" ("county_code", "city_code", "bank_key", "listed", "allocated", "assigned", "contacted")
  SELECT "county_code", min("city_code"), coalesce("bank_key", "rollup_nil"()), count(*), count("bank_key"),
         count(*) FILTER (WHERE "is_assigned"), count(*) FILTER (WHERE "is_contacted")
    FROM "coverage_facts" WHERE "is_listed" GROUP BY 1, 3;
END;
$$;

CREATE OR REPLACE FUNCTION "rollup_rebuild"() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "rollup_rebuild_daily"();
  PERFORM "rollup_version_bump"();
  PERFORM "coverage_rebuild"();
END;
$$;

-- The triggers: once per statement, the enterprises the statement touched. Named rollup_* so
-- the bulk loaders that switch the rollup triggers off (and rebuild) switch these off too;
-- skipped, like the rollups, while shoudai.rollups = 'deferred' (the deferrer rebuilds).
CREATE FUNCTION "coverage_on_statement"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  banks uuid[];
BEGIN
  -- (Nested IFs: a query naming a transition table the event lacks fails to plan.)
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT t."enterprise_id") INTO ids FROM "coverage_new" t;
    IF TG_TABLE_NAME = 'list_memberships' THEN
      -- One more list changes nothing for an enterprise already counted as listed (a second
      -- list of known enterprises). Key-share locked: a refresh (which takes the row for update)
      -- that unlists one has committed, and the row is then not skipped, or waits for us.
      PERFORM count(*) FROM (SELECT 1 FROM "coverage_facts" f WHERE f."enterprise_id" = ANY(ids) AND f."is_listed"
                              ORDER BY f."enterprise_id" FOR KEY SHARE) l;
      SELECT array_agg(i) INTO ids FROM unnest(ids) i
       WHERE NOT EXISTS (SELECT 1 FROM "coverage_facts" f WHERE f."enterprise_id" = i AND f."is_listed");
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT t."enterprise_id") INTO ids FROM "coverage_old" t;
  ELSIF TG_TABLE_NAME = 'bank_clients' THEN
    -- Only what coverage reads of a client: whether it has a manager, a last contact date.
    SELECT array_agg(x."enterprise_id" ORDER BY x."enterprise_id"), array_agg(x."bank_id" ORDER BY x."enterprise_id") INTO ids, banks FROM (
      (SELECT "id", "bank_id", "enterprise_id", "manager_id" IS NULL, "last_contact_at" IS NULL FROM "coverage_old"
       EXCEPT SELECT "id", "bank_id", "enterprise_id", "manager_id" IS NULL, "last_contact_at" IS NULL FROM "coverage_new")
      UNION ALL
      (SELECT "id", "bank_id", "enterprise_id", "manager_id" IS NULL, "last_contact_at" IS NULL FROM "coverage_new"
       EXCEPT SELECT "id", "bank_id", "enterprise_id", "manager_id" IS NULL, "last_contact_at" IS NULL FROM "coverage_old")
    ) x("id", "bank_id", "enterprise_id", "no_manager", "no_contact");
    IF ids IS NULL THEN RETURN NULL; END IF;
    -- A client's change counts only where its enterprise is listed and its bank is the
    -- responsible one: a reassignment of clients nobody counts (most of a bulk move outside
    -- the lists) refreshes nothing. Read without locking the facts: this statement holds the
    -- changed clients' row locks, and coverage_refresh() shared-locks the clients it reads, so
    -- a refresh that listed or allocated one of these enterprises has committed (its facts are
    -- seen here) or reads this change after our commit.
    SELECT array_agg(DISTINCT f."enterprise_id") INTO ids
      FROM unnest(ids, banks) c("enterprise_id", "bank_id")
      JOIN "coverage_facts" f ON f."enterprise_id" = c."enterprise_id" AND f."bank_key" = c."bank_id"
     WHERE f."is_listed";
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

CREATE TRIGGER "rollup_coverage_memberships_insert" AFTER INSERT ON "list_memberships"
  REFERENCING NEW TABLE AS "coverage_new" FOR EACH STATEMENT WHEN ("rollup_is_live"()) EXECUTE FUNCTION "coverage_on_statement"();
CREATE TRIGGER "rollup_coverage_memberships_delete" AFTER DELETE ON "list_memberships"
  REFERENCING OLD TABLE AS "coverage_old" FOR EACH STATEMENT WHEN ("rollup_is_live"()) EXECUTE FUNCTION "coverage_on_statement"();
CREATE TRIGGER "rollup_coverage_memberships_update" AFTER UPDATE ON "list_memberships"
  REFERENCING OLD TABLE AS "coverage_old" NEW TABLE AS "coverage_new" FOR EACH STATEMENT WHEN ("rollup_is_live"()) EXECUTE FUNCTION "coverage_on_statement"();

CREATE TRIGGER "rollup_coverage_allocations_insert" AFTER INSERT ON "enterprise_allocations"
  REFERENCING NEW TABLE AS "coverage_new" FOR EACH STATEMENT WHEN ("rollup_is_live"()) EXECUTE FUNCTION "coverage_on_statement"();
CREATE TRIGGER "rollup_coverage_allocations_delete" AFTER DELETE ON "enterprise_allocations"
  REFERENCING OLD TABLE AS "coverage_old" FOR EACH STATEMENT WHEN ("rollup_is_live"()) EXECUTE FUNCTION "coverage_on_statement"();
CREATE TRIGGER "rollup_coverage_allocations_update" AFTER UPDATE ON "enterprise_allocations"
  REFERENCING OLD TABLE AS "coverage_old" NEW TABLE AS "coverage_new" FOR EACH STATEMENT WHEN ("rollup_is_live"()) EXECUTE FUNCTION "coverage_on_statement"();

CREATE TRIGGER "rollup_coverage_clients_insert" AFTER INSERT ON "bank_clients"
  REFERENCING NEW TABLE AS "coverage_new" FOR EACH STATEMENT WHEN ("rollup_is_live"()) EXECUTE FUNCTION "coverage_on_statement"();
CREATE TRIGGER "rollup_coverage_clients_delete" AFTER DELETE ON "bank_clients"
  REFERENCING OLD TABLE AS "coverage_old" FOR EACH STATEMENT WHEN ("rollup_is_live"()) EXECUTE FUNCTION "coverage_on_statement"();
CREATE TRIGGER "rollup_coverage_clients_update" AFTER UPDATE ON "bank_clients"
  REFERENCING OLD TABLE AS "coverage_old" NEW TABLE AS "coverage_new" FOR EACH STATEMENT WHEN ("rollup_is_live"()) EXECUTE FUNCTION "coverage_on_statement"();

CREATE TRIGGER "rollup_coverage_visits_insert" AFTER INSERT ON "visits"
  REFERENCING NEW TABLE AS "coverage_new" FOR EACH STATEMENT WHEN ("rollup_is_live"()) EXECUTE FUNCTION "coverage_on_statement"();
CREATE TRIGGER "rollup_coverage_visits_delete" AFTER DELETE ON "visits"
  REFERENCING OLD TABLE AS "coverage_old" FOR EACH STATEMENT WHEN ("rollup_is_live"()) EXECUTE FUNCTION "coverage_on_statement"();
CREATE TRIGGER "rollup_coverage_visits_update" AFTER UPDATE ON "visits"
  REFERENCING OLD TABLE AS "coverage_old" NEW TABLE AS "coverage_new" FOR EACH STATEMENT WHEN ("rollup_is_live"()) EXECUTE FUNCTION "coverage_on_statement"();

CREATE TRIGGER "rollup_coverage_enterprises_update" AFTER UPDATE ON "enterprises"
  REFERENCING OLD TABLE AS "coverage_old" NEW TABLE AS "coverage_new" FOR EACH STATEMENT WHEN ("rollup_is_live"()) EXECUTE FUNCTION "coverage_on_statement"();

-- The counts for what is there now.
SELECT "coverage_rebuild"();
