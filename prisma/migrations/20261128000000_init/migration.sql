-- CreateEnum
CREATE TYPE "RegionLevel" AS ENUM ('PROVINCE', 'CITY', 'COUNTY');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ACCOUNT_MANAGER', 'BRANCH_HEAD', 'BANK_HEAD_OFFICE', 'REGULATOR');

-- CreateEnum
CREATE TYPE "Jurisdiction" AS ENUM ('ZHEJIANG_EXCL_NINGBO', 'NINGBO', 'ZHEJIANG');

-- CreateEnum
CREATE TYPE "EnterpriseKind" AS ENUM ('ENTERPRISE', 'INDIVIDUAL_BUSINESS', 'FARMER_COOPERATIVE', 'OTHER');

-- CreateEnum
CREATE TYPE "ListType" AS ENUM ('BANKS_VISIT_ENTERPRISES', 'SME_PARK', 'SUPPLY_CHAIN', 'SETTLEMENT_ACCOUNT', 'INDUSTRY_AUTHORITY');

-- CreateEnum
CREATE TYPE "Stage" AS ENUM ('NO_LOAN', 'NEED_REGISTERED', 'VISITED', 'CREDIT_GRANTED', 'FIRST_LOAN', 'NEW_TO_BANK', 'PARTNER');

-- CreateEnum
CREATE TYPE "VisitMode" AS ENUM ('ON_SITE', 'PHONE', 'ONLINE');

-- CreateEnum
CREATE TYPE "NoNeedReason" AS ENUM ('NO_NEED_NOW', 'OWN_FUNDS_ENOUGH', 'OTHER_CHANNEL', 'FAILS_SCREENING', 'CLOSED_UNREACHABLE', 'REFUSED_VISIT', 'OTHER');

-- CreateEnum
CREATE TYPE "LoanPurpose" AS ENUM ('WORKING_CAPITAL', 'FIXED_ASSETS', 'EQUIPMENT', 'OTHER');

-- CreateEnum
CREATE TYPE "GuaranteeMode" AS ENUM ('PLEDGE', 'MORTGAGE', 'GUARANTEE', 'CREDIT', 'OTHER');

-- CreateEnum
CREATE TYPE "CreditStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "DisbursementType" AS ENUM ('NEW', 'EXTENSION', 'BORROW_NEW_REPAY_OLD', 'RESTRUCTURED', 'RENEWAL_WITHOUT_REPAYMENT');

-- CreateTable
CREATE TABLE "regions" (
    "code" VARCHAR(6) NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "level" "RegionLevel" NOT NULL,
    "parent_code" VARCHAR(6),

    CONSTRAINT "regions_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "banks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" VARCHAR(20) NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "banks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "branches" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "bank_id" UUID NOT NULL,
    "parent_id" UUID,
    "code" VARCHAR(30) NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "county_code" VARCHAR(6) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "branches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "bank_id" UUID,
    "branch_id" UUID,
    "jurisdiction" "Jurisdiction",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enterprises" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "uscc" CHAR(18) NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "EnterpriseKind" NOT NULL,
    "county_code" VARCHAR(6) NOT NULL,
    "city_code" VARCHAR(6) NOT NULL,
    "industry" CHAR(1) NOT NULL,
    "legal_rep_name" TEXT,
    "legal_rep_phone" TEXT,
    "first_loan_on" DATE,
    "first_loan_bank_id" UUID,
    "first_loan_amount" DECIMAL(18,2),
    "credit_check_on" DATE,
    "credit_check_has_prior_loan" BOOLEAN,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "enterprises_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "list_batches" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "list_type" "ListType" NOT NULL,
    "name" TEXT NOT NULL,
    "issued_on" DATE NOT NULL,
    "source" TEXT,
    "row_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "list_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "list_memberships" (
    "enterprise_id" UUID NOT NULL,
    "batch_id" UUID NOT NULL,
    "list_type" "ListType" NOT NULL,
    "listed_on" DATE NOT NULL,

    CONSTRAINT "list_memberships_pkey" PRIMARY KEY ("enterprise_id","batch_id")
);

-- CreateTable
CREATE TABLE "bank_clients" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "bank_id" UUID NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "branch_id" UUID NOT NULL,
    "manager_id" UUID,
    "stage" "Stage" NOT NULL DEFAULT 'NO_LOAN',
    "stage_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "first_need_at" DATE,
    "first_visit_at" DATE,
    "first_credit_at" DATE,
    "first_disbursed_at" DATE,
    "partner_at" DATE,
    "last_contact_at" DATE,
    "next_follow_up_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "bank_clients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "visits" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "client_id" UUID NOT NULL,
    "bank_id" UUID NOT NULL,
    "branch_id" UUID NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "visited_on" DATE NOT NULL,
    "mode" "VisitMode" NOT NULL,
    "has_need" BOOLEAN NOT NULL,
    "no_need_reason" "NoNeedReason",
    "notes" TEXT NOT NULL DEFAULT '',
    "follow_up_on" DATE,
    "client_key" VARCHAR(64),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "visits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "financing_needs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "visit_id" UUID,
    "client_id" UUID NOT NULL,
    "bank_id" UUID NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "term_months" INTEGER NOT NULL,
    "purpose" "LoanPurpose" NOT NULL,
    "preferred_guarantee" "GuaranteeMode",
    "raised_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "financing_needs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_lines" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "client_id" UUID NOT NULL,
    "bank_id" UUID NOT NULL,
    "branch_id" UUID NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "status" "CreditStatus" NOT NULL DEFAULT 'PENDING',
    "product_name" TEXT NOT NULL,
    "limit_amount" DECIMAL(18,2) NOT NULL,
    "drawn_amount" DECIMAL(18,2) NOT NULL DEFAULT 0,
    "guarantee_mode" "GuaranteeMode" NOT NULL,
    "has_guarantee_insurance" BOOLEAN NOT NULL DEFAULT false,
    "has_gov_guarantee" BOOLEAN NOT NULL DEFAULT false,
    "has_risk_compensation" BOOLEAN NOT NULL DEFAULT false,
    "is_revolving" BOOLEAN NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE NOT NULL,
    "credit_check_on" DATE NOT NULL,
    "credit_check_has_prior_loan" BOOLEAN NOT NULL,
    "proposed_by_id" UUID NOT NULL,
    "proposed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decided_on" DATE,
    "decision_reason" TEXT,

    CONSTRAINT "credit_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "disbursements" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "credit_line_id" UUID NOT NULL,
    "bank_id" UUID NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "disbursed_on" DATE NOT NULL,
    "type" "DisbursementType" NOT NULL,
    "is_first_ever" BOOLEAN NOT NULL DEFAULT false,
    "recorded_by_id" UUID NOT NULL,
    "idempotency_key" VARCHAR(64) NOT NULL,
    "payload_hash" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "disbursements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "repayments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "credit_line_id" UUID NOT NULL,
    "disbursement_id" UUID,
    "bank_id" UUID NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "repaid_on" DATE NOT NULL,
    "recorded_by_id" UUID NOT NULL,
    "idempotency_key" VARCHAR(64) NOT NULL,
    "payload_hash" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "repayments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stage_events" (
    "id" BIGSERIAL NOT NULL,
    "client_id" UUID NOT NULL,
    "bank_id" UUID NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "from_stage" "Stage",
    "to_stage" "Stage" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "cause" VARCHAR(40) NOT NULL,
    "cause_id" UUID,

    CONSTRAINT "stage_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" UUID,
    "bank_id" UUID,
    "action" VARCHAR(60) NOT NULL,
    "entity_type" VARCHAR(40) NOT NULL,
    "entity_id" VARCHAR(64) NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "regions_parent_code_idx" ON "regions"("parent_code");

-- CreateIndex
CREATE UNIQUE INDEX "banks_code_key" ON "banks"("code");

-- CreateIndex
CREATE INDEX "branches_county_code_idx" ON "branches"("county_code");

-- CreateIndex
CREATE UNIQUE INDEX "branches_bank_id_code_key" ON "branches"("bank_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_branch_id_idx" ON "users"("branch_id");

-- CreateIndex
CREATE UNIQUE INDEX "enterprises_uscc_key" ON "enterprises"("uscc");

-- CreateIndex
CREATE INDEX "enterprises_city_code_county_code_idx" ON "enterprises"("city_code", "county_code");

-- CreateIndex
CREATE INDEX "enterprises_first_loan_on_idx" ON "enterprises"("first_loan_on");

-- CreateIndex
CREATE INDEX "list_memberships_batch_id_idx" ON "list_memberships"("batch_id");

-- CreateIndex
CREATE INDEX "list_memberships_list_type_listed_on_idx" ON "list_memberships"("list_type", "listed_on");

-- CreateIndex
CREATE INDEX "bank_clients_manager_id_stage_idx" ON "bank_clients"("manager_id", "stage");

-- CreateIndex
CREATE INDEX "bank_clients_branch_id_stage_idx" ON "bank_clients"("branch_id", "stage");

-- CreateIndex
CREATE INDEX "bank_clients_enterprise_id_idx" ON "bank_clients"("enterprise_id");

-- CreateIndex
CREATE UNIQUE INDEX "bank_clients_bank_id_enterprise_id_key" ON "bank_clients"("bank_id", "enterprise_id");

-- CreateIndex
CREATE UNIQUE INDEX "visits_client_key_key" ON "visits"("client_key");

-- CreateIndex
CREATE INDEX "visits_client_id_visited_on_idx" ON "visits"("client_id", "visited_on");

-- CreateIndex
CREATE INDEX "visits_bank_id_visited_on_idx" ON "visits"("bank_id", "visited_on");

-- CreateIndex
CREATE UNIQUE INDEX "financing_needs_visit_id_key" ON "financing_needs"("visit_id");

-- CreateIndex
CREATE INDEX "financing_needs_client_id_idx" ON "financing_needs"("client_id");

-- CreateIndex
CREATE INDEX "financing_needs_bank_id_raised_on_idx" ON "financing_needs"("bank_id", "raised_on");

-- CreateIndex
CREATE INDEX "credit_lines_client_id_idx" ON "credit_lines"("client_id");

-- CreateIndex
CREATE INDEX "credit_lines_branch_id_status_idx" ON "credit_lines"("branch_id", "status");

-- CreateIndex
CREATE INDEX "credit_lines_bank_id_status_decided_on_idx" ON "credit_lines"("bank_id", "status", "decided_on");

-- CreateIndex
CREATE UNIQUE INDEX "disbursements_idempotency_key_key" ON "disbursements"("idempotency_key");

-- CreateIndex
CREATE INDEX "disbursements_credit_line_id_idx" ON "disbursements"("credit_line_id");

-- CreateIndex
CREATE INDEX "disbursements_enterprise_id_disbursed_on_idx" ON "disbursements"("enterprise_id", "disbursed_on");

-- CreateIndex
CREATE INDEX "disbursements_bank_id_disbursed_on_idx" ON "disbursements"("bank_id", "disbursed_on");

-- CreateIndex
CREATE UNIQUE INDEX "repayments_idempotency_key_key" ON "repayments"("idempotency_key");

-- CreateIndex
CREATE INDEX "repayments_credit_line_id_idx" ON "repayments"("credit_line_id");

-- CreateIndex
CREATE INDEX "stage_events_client_id_at_idx" ON "stage_events"("client_id", "at");

-- CreateIndex
CREATE INDEX "audit_logs_entity_type_entity_id_idx" ON "audit_logs"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_logs_actor_id_at_idx" ON "audit_logs"("actor_id", "at");

-- AddForeignKey
ALTER TABLE "regions" ADD CONSTRAINT "regions_parent_code_fkey" FOREIGN KEY ("parent_code") REFERENCES "regions"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "branches" ADD CONSTRAINT "branches_bank_id_fkey" FOREIGN KEY ("bank_id") REFERENCES "banks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "branches" ADD CONSTRAINT "branches_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "branches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "branches" ADD CONSTRAINT "branches_county_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_bank_id_fkey" FOREIGN KEY ("bank_id") REFERENCES "banks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_county_code_fkey" FOREIGN KEY ("county_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_city_code_fkey" FOREIGN KEY ("city_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_first_loan_bank_id_fkey" FOREIGN KEY ("first_loan_bank_id") REFERENCES "banks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "list_memberships" ADD CONSTRAINT "list_memberships_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "list_memberships" ADD CONSTRAINT "list_memberships_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "list_batches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bank_clients" ADD CONSTRAINT "bank_clients_bank_id_fkey" FOREIGN KEY ("bank_id") REFERENCES "banks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bank_clients" ADD CONSTRAINT "bank_clients_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bank_clients" ADD CONSTRAINT "bank_clients_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bank_clients" ADD CONSTRAINT "bank_clients_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visits" ADD CONSTRAINT "visits_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "bank_clients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visits" ADD CONSTRAINT "visits_bank_id_fkey" FOREIGN KEY ("bank_id") REFERENCES "banks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visits" ADD CONSTRAINT "visits_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visits" ADD CONSTRAINT "visits_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visits" ADD CONSTRAINT "visits_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "financing_needs" ADD CONSTRAINT "financing_needs_visit_id_fkey" FOREIGN KEY ("visit_id") REFERENCES "visits"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "financing_needs" ADD CONSTRAINT "financing_needs_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "bank_clients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "financing_needs" ADD CONSTRAINT "financing_needs_bank_id_fkey" FOREIGN KEY ("bank_id") REFERENCES "banks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "financing_needs" ADD CONSTRAINT "financing_needs_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_lines" ADD CONSTRAINT "credit_lines_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "bank_clients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_lines" ADD CONSTRAINT "credit_lines_bank_id_fkey" FOREIGN KEY ("bank_id") REFERENCES "banks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_lines" ADD CONSTRAINT "credit_lines_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_lines" ADD CONSTRAINT "credit_lines_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_lines" ADD CONSTRAINT "credit_lines_proposed_by_id_fkey" FOREIGN KEY ("proposed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_lines" ADD CONSTRAINT "credit_lines_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_credit_line_id_fkey" FOREIGN KEY ("credit_line_id") REFERENCES "credit_lines"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_bank_id_fkey" FOREIGN KEY ("bank_id") REFERENCES "banks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repayments" ADD CONSTRAINT "repayments_credit_line_id_fkey" FOREIGN KEY ("credit_line_id") REFERENCES "credit_lines"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repayments" ADD CONSTRAINT "repayments_disbursement_id_fkey" FOREIGN KEY ("disbursement_id") REFERENCES "disbursements"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repayments" ADD CONSTRAINT "repayments_bank_id_fkey" FOREIGN KEY ("bank_id") REFERENCES "banks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repayments" ADD CONSTRAINT "repayments_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repayments" ADD CONSTRAINT "repayments_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_events" ADD CONSTRAINT "stage_events_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "bank_clients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_events" ADD CONSTRAINT "stage_events_bank_id_fkey" FOREIGN KEY ("bank_id") REFERENCES "banks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_events" ADD CONSTRAINT "stage_events_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_events" ADD CONSTRAINT "stage_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
