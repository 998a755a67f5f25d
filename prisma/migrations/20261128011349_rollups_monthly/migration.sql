-- CreateTable
CREATE TABLE "rollup_region_monthly" (
    "month" DATE NOT NULL,
    "county_code" VARCHAR(6) NOT NULL,
    "city_code" VARCHAR(6) NOT NULL,
    "listed" INTEGER NOT NULL DEFAULT 0,
    "needs" INTEGER NOT NULL DEFAULT 0,
    "visited" INTEGER NOT NULL DEFAULT 0,
    "credited" INTEGER NOT NULL DEFAULT 0,
    "credit_amount" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "first_loans" INTEGER NOT NULL DEFAULT 0,
    "first_loan_amount" DECIMAL(20,2) NOT NULL DEFAULT 0,

    CONSTRAINT "rollup_region_monthly_pkey" PRIMARY KEY ("month","county_code")
);

-- CreateTable
CREATE TABLE "rollup_bank_monthly" (
    "month" DATE NOT NULL,
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

    CONSTRAINT "rollup_bank_monthly_pkey" PRIMARY KEY ("month","county_code","bank_id","branch_key","manager_key")
);

-- CreateIndex
CREATE INDEX "rollup_bank_monthly_bank_id_month_idx" ON "rollup_bank_monthly"("bank_id", "month");

-- CreateIndex
CREATE INDEX "rollup_bank_monthly_branch_key_month_idx" ON "rollup_bank_monthly"("branch_key", "month");
