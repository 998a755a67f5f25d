-- Hand-written: backstops for the money path (issue 3) that Prisma's schema language cannot
-- express. The commands enforce each rule first; these make a bug fail loudly instead of
-- writing wrong money or history. Enum columns are compared as ::text (see 20261128000100).

-- ───────────────────────── Maker-checker on credit lines ─────────────────────────

-- Nobody decides their own proposal; a decided line says who, when and (rejections) why;
-- a pending one has no decision yet.
ALTER TABLE "credit_lines"
  ADD CONSTRAINT "credit_lines_maker_checker" CHECK ("decided_by_id" IS NULL OR "decided_by_id" <> "proposed_by_id"),
  ADD CONSTRAINT "credit_lines_decision_recorded" CHECK (
    "status"::text NOT IN ('APPROVED', 'REJECTED')
    OR ("decided_by_id" IS NOT NULL AND "decided_at" IS NOT NULL AND "decided_on" IS NOT NULL)
  ),
  ADD CONSTRAINT "credit_lines_rejection_reason" CHECK (
    "status"::text <> 'REJECTED' OR char_length(btrim(coalesce("decision_reason", ''))) > 0
  ),
  ADD CONSTRAINT "credit_lines_pending_undecided" CHECK (
    "status"::text <> 'PENDING' OR ("decided_by_id" IS NULL AND "decided_at" IS NULL AND "decided_on" IS NULL)
  ),
  ADD CONSTRAINT "credit_lines_product_name_length" CHECK (char_length("product_name") BETWEEN 1 AND 60),
  ADD CONSTRAINT "credit_lines_decision_reason_length" CHECK (char_length("decision_reason") <= 500);

-- ───────────────────────── The first-loan fact ─────────────────────────

-- At most one disbursement per enterprise carries the 首贷 fact (the earliest anywhere).
-- The command decides it under a lock on the enterprise row; this index is the backstop.
-- Partial: listed in HAND_WRITTEN_OBJECTS' notes (the schema engine does not see partial indexes).
CREATE UNIQUE INDEX "disbursements_one_first_ever_per_enterprise"
  ON "disbursements" ("enterprise_id")
  WHERE "is_first_ever";
