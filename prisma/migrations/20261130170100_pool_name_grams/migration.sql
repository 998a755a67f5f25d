-- CreateTable
CREATE TABLE "bank_client_name_grams" (
    "bank_id" UUID NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "grams" TEXT[],

    CONSTRAINT "bank_client_name_grams_pkey" PRIMARY KEY ("bank_id","enterprise_id")
);

-- ───────────────────────── Hand-written ─────────────────────────
-- Head office's name search without reading every client of the bank (docs/lists.md, "Pool
-- search"): each client's name as the set of its two-character pieces (lower case), in a
-- table of its own with a GIN index on (bank, piece). A fragment of n ≥ 2 characters is in a
-- name only if all its n − 1 pieces are, so the index yields the candidates (a rare fragment:
-- a few hundred) and the name itself is then tested as before. The pieces live beside
-- bank_clients, not in it: a move (branch, manager) rewrites every index entry of the moved
-- rows, and this table is not touched by moves at all — only when a client is added, removed,
-- or its enterprise renamed.
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- The distinct two-character pieces of a name, lower case ('{}' under two characters).
CREATE FUNCTION "name_grams"(name text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT coalesce(array_agg(DISTINCT substr(lower(name), i, 2)), '{}')
    FROM generate_series(1, length(name) - 1) AS i
$$;

CREATE INDEX "bank_client_name_grams_idx" ON "bank_client_name_grams" USING gin ("bank_id", "grams");

-- Kept by statement triggers on bank_clients (one set-based statement per write, as the
-- publishing job inserts a batch's clients in one INSERT).
CREATE FUNCTION "bank_clients_grams_insert"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "bank_client_name_grams" ("bank_id", "enterprise_id", "grams")
  SELECT n."bank_id", n."enterprise_id", name_grams(coalesce(n."enterprise_name", '')) FROM "grams_new" n
  ON CONFLICT ("bank_id", "enterprise_id") DO UPDATE SET "grams" = EXCLUDED."grams";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "bank_clients_grams_insert"
  AFTER INSERT ON "bank_clients" REFERENCING NEW TABLE AS "grams_new"
  FOR EACH STATEMENT EXECUTE FUNCTION "bank_clients_grams_insert"();

CREATE FUNCTION "bank_clients_grams_delete"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "bank_client_name_grams" g USING "grams_old" o
   WHERE g."bank_id" = o."bank_id" AND g."enterprise_id" = o."enterprise_id";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "bank_clients_grams_delete"
  AFTER DELETE ON "bank_clients" REFERENCING OLD TABLE AS "grams_old"
  FOR EACH STATEMENT EXECUTE FUNCTION "bank_clients_grams_delete"();

-- A rename (the registry's copy trigger rewrites enterprise_name) or a row moved to another
-- bank or enterprise: row by row, and only when one of those columns is in the UPDATE — a move
-- of branch or manager never fires it.
CREATE FUNCTION "bank_clients_grams_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD."bank_id", OLD."enterprise_id") IS DISTINCT FROM (NEW."bank_id", NEW."enterprise_id") THEN
    DELETE FROM "bank_client_name_grams" WHERE "bank_id" = OLD."bank_id" AND "enterprise_id" = OLD."enterprise_id";
  END IF;
  INSERT INTO "bank_client_name_grams" ("bank_id", "enterprise_id", "grams")
  VALUES (NEW."bank_id", NEW."enterprise_id", name_grams(coalesce(NEW."enterprise_name", '')))
  ON CONFLICT ("bank_id", "enterprise_id") DO UPDATE SET "grams" = EXCLUDED."grams";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "bank_clients_grams_update"
  AFTER UPDATE OF "bank_id", "enterprise_id", "enterprise_name" ON "bank_clients"
  FOR EACH ROW WHEN ((OLD."bank_id", OLD."enterprise_id", OLD."enterprise_name") IS DISTINCT FROM (NEW."bank_id", NEW."enterprise_id", NEW."enterprise_name"))
  EXECUTE FUNCTION "bank_clients_grams_update"();

-- The clients there are.
INSERT INTO "bank_client_name_grams" ("bank_id", "enterprise_id", "grams")
SELECT "bank_id", "enterprise_id", name_grams(coalesce("enterprise_name", '')) FROM "bank_clients";
ANALYZE "bank_client_name_grams";
