-- CreateEnum
CREATE TYPE "MarketFlagKind" AS ENUM ('FIRST_LOAN_MOVED', 'CROWDING', 'NO_CREDIT_CHECK');

-- CreateTable
CREATE TABLE "notices" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "month" CHAR(7) NOT NULL,
    "figures" JSONB NOT NULL,
    "rollup_version" BIGINT NOT NULL,
    "trigger" VARCHAR(20) NOT NULL,
    "published_by_id" UUID,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notice_restatements" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "notice_id" UUID NOT NULL,
    "figures" JSONB NOT NULL,
    "diff" JSONB NOT NULL,
    "rollup_version" BIGINT NOT NULL,
    "restated_by_id" UUID,
    "restated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notice_restatements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lagging_rules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "metric" VARCHAR(30) NOT NULL,
    "comparator" VARCHAR(2) NOT NULL,
    "threshold" DECIMAL(12,4) NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lagging_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_schemes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "bank_id" UUID NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "valid_from" DATE NOT NULL,
    "weight_new_first_loans" DECIMAL(5,2) NOT NULL,
    "weight_first_loan_amount" DECIMAL(5,2) NOT NULL,
    "weight_coverage" DECIMAL(5,2) NOT NULL,
    "weight_conversion" DECIMAL(5,2) NOT NULL,
    "weight_partner" DECIMAL(5,2) NOT NULL,
    "weight_timeliness" DECIMAL(5,2) NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessment_schemes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "market_flags" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "MarketFlagKind" NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "cause_key" VARCHAR(120) NOT NULL,
    "facts" JSONB NOT NULL,
    "detected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewed_at" TIMESTAMPTZ(3),
    "reviewed_by_id" UUID,
    "review_note" VARCHAR(500),

    CONSTRAINT "market_flags_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "notices_month_key" ON "notices"("month");

-- CreateIndex
CREATE INDEX "notice_restatements_notice_id_restated_at_idx" ON "notice_restatements"("notice_id", "restated_at");

-- CreateIndex
CREATE UNIQUE INDEX "assessment_schemes_bank_id_valid_from_key" ON "assessment_schemes"("bank_id", "valid_from");

-- CreateIndex
CREATE INDEX "market_flags_kind_reviewed_at_idx" ON "market_flags"("kind", "reviewed_at");

-- CreateIndex
CREATE UNIQUE INDEX "market_flags_kind_enterprise_id_cause_key_key" ON "market_flags"("kind", "enterprise_id", "cause_key");

-- AddForeignKey
ALTER TABLE "notice_restatements" ADD CONSTRAINT "notice_restatements_notice_id_fkey" FOREIGN KEY ("notice_id") REFERENCES "notices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: a published notice is frozen; corrections are restatement rows.
CREATE TRIGGER "notices_append_only"
  BEFORE UPDATE OR DELETE ON "notices"
  FOR EACH ROW EXECUTE FUNCTION "forbid_history_rewrite"();
CREATE TRIGGER "notices_no_truncate"
  BEFORE TRUNCATE ON "notices"
  FOR EACH STATEMENT EXECUTE FUNCTION "forbid_history_rewrite"();
CREATE TRIGGER "notice_restatements_append_only"
  BEFORE UPDATE OR DELETE ON "notice_restatements"
  FOR EACH ROW EXECUTE FUNCTION "forbid_history_rewrite"();
CREATE TRIGGER "notice_restatements_no_truncate"
  BEFORE TRUNCATE ON "notice_restatements"
  FOR EACH STATEMENT EXECUTE FUNCTION "forbid_history_rewrite"();

ALTER TABLE "notices" ADD CONSTRAINT "notices_month_format" CHECK ("month" ~ '^20[0-9]{2}-(0[1-9]|1[0-2])$');
ALTER TABLE "lagging_rules" ADD CONSTRAINT "lagging_rules_comparator" CHECK ("comparator" IN ('lt', 'gt'));
ALTER TABLE "assessment_schemes" ADD CONSTRAINT "assessment_schemes_weights" CHECK (
  "weight_new_first_loans" >= 0 AND "weight_first_loan_amount" >= 0 AND "weight_coverage" >= 0
  AND "weight_conversion" >= 0 AND "weight_partner" >= 0 AND "weight_timeliness" >= 0
  AND "weight_new_first_loans" + "weight_first_loan_amount" + "weight_coverage" + "weight_conversion"
      + "weight_partner" + "weight_timeliness" = 100);
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_status" CHECK ("status" IN ('RUNNING', 'DONE', 'FAILED'));
