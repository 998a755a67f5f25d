-- CreateTable
CREATE TABLE "rollup_enterprise_facts" (
    "enterprise_id" UUID NOT NULL,
    "county_code" VARCHAR(6) NOT NULL,
    "city_code" VARCHAR(6) NOT NULL,
    "listed_on" DATE,
    "need_on" DATE,
    "visit_on" DATE,
    "credit_on" DATE,
    "first_loan_on" DATE,
    "first_loan_amount" DECIMAL(18,2),

    CONSTRAINT "rollup_enterprise_facts_pkey" PRIMARY KEY ("enterprise_id")
);

-- CreateTable
CREATE TABLE "rollup_client_facts" (
    "bank_id" UUID NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "county_code" VARCHAR(6) NOT NULL,
    "city_code" VARCHAR(6) NOT NULL,
    "branch_key" UUID NOT NULL,
    "manager_key" UUID NOT NULL,
    "is_listed" BOOLEAN NOT NULL,
    "pooled_on" DATE,
    "need_on" DATE,
    "visit_on" DATE,
    "credit_on" DATE,
    "first_loan_on" DATE,
    "first_loan_amount" DECIMAL(18,2),

    CONSTRAINT "rollup_client_facts_pkey" PRIMARY KEY ("bank_id","enterprise_id")
);

-- CreateTable
CREATE TABLE "rollup_region_daily" (
    "day" DATE NOT NULL,
    "county_code" VARCHAR(6) NOT NULL,
    "city_code" VARCHAR(6) NOT NULL,
    "listed" INTEGER NOT NULL DEFAULT 0,
    "needs" INTEGER NOT NULL DEFAULT 0,
    "visited" INTEGER NOT NULL DEFAULT 0,
    "credited" INTEGER NOT NULL DEFAULT 0,
    "credit_amount" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "first_loans" INTEGER NOT NULL DEFAULT 0,
    "first_loan_amount" DECIMAL(20,2) NOT NULL DEFAULT 0,

    CONSTRAINT "rollup_region_daily_pkey" PRIMARY KEY ("day","county_code")
);

-- CreateTable
CREATE TABLE "rollup_bank_daily" (
    "day" DATE NOT NULL,
    "county_code" VARCHAR(6) NOT NULL,
    "city_code" VARCHAR(6) NOT NULL,
    "bank_id" UUID NOT NULL,
    "branch_key" UUID NOT NULL,
    "manager_key" UUID NOT NULL,
    "pooled" INTEGER NOT NULL DEFAULT 0,
    "needs" INTEGER NOT NULL DEFAULT 0,
    "visited" INTEGER NOT NULL DEFAULT 0,
    "credited" INTEGER NOT NULL DEFAULT 0,
    "credit_amount" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "first_loans" INTEGER NOT NULL DEFAULT 0,
    "first_loan_amount" DECIMAL(20,2) NOT NULL DEFAULT 0,

    CONSTRAINT "rollup_bank_daily_pkey" PRIMARY KEY ("day","county_code","bank_id","branch_key","manager_key")
);

-- CreateIndex
CREATE INDEX "rollup_client_facts_enterprise_id_idx" ON "rollup_client_facts"("enterprise_id");

-- CreateIndex
CREATE INDEX "rollup_bank_daily_bank_id_day_idx" ON "rollup_bank_daily"("bank_id", "day");

-- CreateIndex
CREATE INDEX "rollup_bank_daily_branch_key_day_idx" ON "rollup_bank_daily"("branch_key", "day");

-- CreateIndex
CREATE INDEX "credit_lines_enterprise_id_decided_on_idx" ON "credit_lines"("enterprise_id", "decided_on");

-- CreateIndex
CREATE INDEX "financing_needs_enterprise_id_raised_on_idx" ON "financing_needs"("enterprise_id", "raised_on");

-- CreateIndex
CREATE INDEX "visits_enterprise_id_visited_on_idx" ON "visits"("enterprise_id", "visited_on");
