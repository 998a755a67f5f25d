-- Hand-written: rules Prisma's schema language cannot express (no @@check, no partial
-- indexes, no triggers). The schema engine ignores CHECK constraints and triggers when it
-- diffs; the partial unique index is listed in HAND_WRITTEN_OBJECTS (scripts/db/schema-engine.ts)
-- so drift checks and new migrations do not propose to drop it.
--
-- Enum columns are compared as ::text in CHECKs on purpose: when Prisma removes an enum
-- value it creates a new type and converts columns with ALTER COLUMN ... TYPE, which
-- re-parses CHECK expressions; a literal typed with the old enum would then fail to compare.

-- ───────────────────────── Amounts, terms, dates ─────────────────────────

ALTER TABLE "financing_needs"
  ADD CONSTRAINT "financing_needs_amount_positive" CHECK ("amount" > 0),
  ADD CONSTRAINT "financing_needs_term_months_range" CHECK ("term_months" BETWEEN 1 AND 360);

ALTER TABLE "credit_lines"
  ADD CONSTRAINT "credit_lines_limit_amount_positive" CHECK ("limit_amount" > 0),
  ADD CONSTRAINT "credit_lines_drawn_amount_nonnegative" CHECK ("drawn_amount" >= 0),
  ADD CONSTRAINT "credit_lines_drawn_within_limit" CHECK ("drawn_amount" <= "limit_amount"),
  ADD CONSTRAINT "credit_lines_validity_order" CHECK ("valid_to" >= "valid_from");

ALTER TABLE "disbursements"
  ADD CONSTRAINT "disbursements_amount_positive" CHECK ("amount" > 0);

ALTER TABLE "repayments"
  ADD CONSTRAINT "repayments_amount_positive" CHECK ("amount" > 0);

-- ───────────────────────── Enterprise identifiers ─────────────────────────

-- Unified Social Credit Code (GB 32100-2015): 18 characters, digits and capital letters
-- without I, O, S, V, Z. Industry: GB/T 4754 section letter A–T.
ALTER TABLE "enterprises"
  ADD CONSTRAINT "enterprises_uscc_format" CHECK ("uscc" ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  ADD CONSTRAINT "enterprises_industry_section" CHECK ("industry" ~ '^[A-T]$');

-- ───────────────────────── Visits ─────────────────────────

-- A visit either found a need or says why not.
ALTER TABLE "visits"
  ADD CONSTRAINT "visits_notes_length" CHECK (char_length("notes") <= 2000),
  ADD CONSTRAINT "visits_need_or_reason" CHECK ("has_need" OR "no_need_reason" IS NOT NULL);

-- ───────────────────────── Users: role ↔ scope ─────────────────────────

-- Branch staff belong to a branch of a bank; head-office staff to a bank; regulators to a
-- jurisdiction and no bank.
ALTER TABLE "users"
  ADD CONSTRAINT "users_branch_staff_scope" CHECK (
    "role"::text NOT IN ('ACCOUNT_MANAGER', 'BRANCH_HEAD') OR ("branch_id" IS NOT NULL AND "bank_id" IS NOT NULL)
  ),
  ADD CONSTRAINT "users_head_office_scope" CHECK (
    "role"::text <> 'BANK_HEAD_OFFICE' OR "bank_id" IS NOT NULL
  ),
  ADD CONSTRAINT "users_regulator_scope" CHECK (
    "role"::text <> 'REGULATOR' OR ("jurisdiction" IS NOT NULL AND "bank_id" IS NULL)
  );

-- ───────────────────────── Credit lines: one open proposal ─────────────────────────

-- At most one PENDING proposal per bank × enterprise (decided ones are history).
-- The predicate compares the enum directly: an index predicate must be IMMUTABLE and the
-- enum-to-text cast is only STABLE. So a future migration that removes a CreditStatus value
-- (Prisma's "create new enum type, ALTER COLUMN TYPE" script) must drop this index before
-- the type change and recreate it after.
CREATE UNIQUE INDEX "credit_lines_one_pending_per_bank_enterprise"
  ON "credit_lines" ("bank_id", "enterprise_id")
  WHERE "status" = 'PENDING';

-- ───────────────────────── Append-only history ─────────────────────────

-- stage_events and audit_logs are evidence: rows are inserted, never changed or removed.
-- Consequence: deleting a user who appears in them fails (their ON DELETE SET NULL foreign
-- keys would update history); deactivate users instead (users.is_active).
CREATE FUNCTION "forbid_history_rewrite"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table "%" is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING HINT = 'Record a new row instead of changing history.';
END;
$$;

CREATE TRIGGER "stage_events_append_only"
  BEFORE UPDATE OR DELETE ON "stage_events"
  FOR EACH ROW EXECUTE FUNCTION "forbid_history_rewrite"();
CREATE TRIGGER "stage_events_no_truncate"
  BEFORE TRUNCATE ON "stage_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "forbid_history_rewrite"();

CREATE TRIGGER "audit_logs_append_only"
  BEFORE UPDATE OR DELETE ON "audit_logs"
  FOR EACH ROW EXECUTE FUNCTION "forbid_history_rewrite"();
CREATE TRIGGER "audit_logs_no_truncate"
  BEFORE TRUNCATE ON "audit_logs"
  FOR EACH STATEMENT EXECUTE FUNCTION "forbid_history_rewrite"();
