-- CreateEnum
CREATE TYPE "BatchStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AllocationSource" AS ENUM ('FILE', 'RULE');

-- CreateEnum
CREATE TYPE "AssignmentKind" AS ENUM ('POOL', 'DISTRIBUTE', 'ASSIGN', 'REASSIGN', 'HANDOVER');

-- DropForeignKey
ALTER TABLE "bank_clients" DROP CONSTRAINT "bank_clients_branch_id_fkey";

-- AlterTable
ALTER TABLE "bank_clients" ALTER COLUMN "branch_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "list_batches" ADD COLUMN     "accepted" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "allocated" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "bytes_read" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "created_by_id" UUID,
ADD COLUMN     "duplicate_of_id" UUID,
ADD COLUMN     "encoding" VARCHAR(20),
ADD COLUMN     "error_message" TEXT,
ADD COLUMN     "file_format" VARCHAR(8),
ADD COLUMN     "file_name" TEXT,
ADD COLUMN     "file_sha256" CHAR(64),
ADD COLUMN     "file_size" BIGINT,
ADD COLUMN     "finished_at" TIMESTAMPTZ(3),
ADD COLUMN     "known_enterprises" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lease_until" TIMESTAMPTZ(3),
ADD COLUMN     "memberships_added" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "new_enterprises" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "owner_bank_id" UUID,
ADD COLUMN     "pooled" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "published_at" TIMESTAMPTZ(3),
ADD COLUMN     "published_by_id" UUID,
ADD COLUMN     "registry_updates" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "rejected" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "rows_read" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "started_at" TIMESTAMPTZ(3),
ADD COLUMN     "status" "BatchStatus" NOT NULL DEFAULT 'DONE',
ADD COLUMN     "warnings" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "list_batch_files" (
    "batch_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "list_batch_files_pkey" PRIMARY KEY ("batch_id","seq")
);

-- CreateTable
CREATE TABLE "list_batch_rows" (
    "batch_id" UUID NOT NULL,
    "line_no" INTEGER NOT NULL,
    "uscc" VARCHAR(18),
    "name" TEXT,
    "county_code" VARCHAR(6),
    "city_code" VARCHAR(6),
    "industry" VARCHAR(1),
    "kind" "EnterpriseKind",
    "legal_rep_name" TEXT,
    "legal_rep_phone" TEXT,
    "bank_id" UUID,
    "enterprise_id" UUID,
    "is_rejected" BOOLEAN NOT NULL DEFAULT false,
    "is_new" BOOLEAN NOT NULL DEFAULT false,
    "reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "raw" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "list_batch_rows_pkey" PRIMARY KEY ("batch_id","line_no")
);

-- CreateTable
CREATE TABLE "enterprise_allocations" (
    "enterprise_id" UUID NOT NULL,
    "bank_id" UUID NOT NULL,
    "batch_id" UUID,
    "source" "AllocationSource" NOT NULL,
    "allocated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "allocated_by_id" UUID,

    CONSTRAINT "enterprise_allocations_pkey" PRIMARY KEY ("enterprise_id")
);

-- CreateTable
CREATE TABLE "allocation_rules" (
    "county_code" VARCHAR(6) NOT NULL,
    "bank_id" UUID NOT NULL,
    "share" INTEGER NOT NULL,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "allocation_rules_pkey" PRIMARY KEY ("county_code","bank_id")
);

-- CreateTable
CREATE TABLE "client_assignments" (
    "id" BIGSERIAL NOT NULL,
    "client_id" UUID NOT NULL,
    "bank_id" UUID NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "kind" "AssignmentKind" NOT NULL,
    "from_branch_id" UUID,
    "to_branch_id" UUID,
    "from_manager_id" UUID,
    "to_manager_id" UUID,
    "actor_id" UUID,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "client_assignments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "list_batch_rows_batch_id_uscc_idx" ON "list_batch_rows"("batch_id", "uscc");

-- CreateIndex
CREATE INDEX "enterprise_allocations_bank_id_idx" ON "enterprise_allocations"("bank_id");

-- CreateIndex
CREATE INDEX "client_assignments_client_id_at_idx" ON "client_assignments"("client_id", "at");

-- CreateIndex
CREATE INDEX "client_assignments_bank_id_at_idx" ON "client_assignments"("bank_id", "at");

-- CreateIndex
CREATE INDEX "list_batches_list_type_owner_bank_id_created_at_idx" ON "list_batches"("list_type", "owner_bank_id", "created_at");

-- CreateIndex
CREATE INDEX "list_batches_status_idx" ON "list_batches"("status");

-- AddForeignKey
ALTER TABLE "list_batches" ADD CONSTRAINT "list_batches_owner_bank_id_fkey" FOREIGN KEY ("owner_bank_id") REFERENCES "banks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "list_batches" ADD CONSTRAINT "list_batches_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "list_batches" ADD CONSTRAINT "list_batches_published_by_id_fkey" FOREIGN KEY ("published_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "list_batch_files" ADD CONSTRAINT "list_batch_files_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "list_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "list_batch_rows" ADD CONSTRAINT "list_batch_rows_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "list_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bank_clients" ADD CONSTRAINT "bank_clients_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enterprise_allocations" ADD CONSTRAINT "enterprise_allocations_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enterprise_allocations" ADD CONSTRAINT "enterprise_allocations_bank_id_fkey" FOREIGN KEY ("bank_id") REFERENCES "banks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enterprise_allocations" ADD CONSTRAINT "enterprise_allocations_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "list_batches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allocation_rules" ADD CONSTRAINT "allocation_rules_bank_id_fkey" FOREIGN KEY ("bank_id") REFERENCES "banks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_assignments" ADD CONSTRAINT "client_assignments_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "bank_clients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_assignments" ADD CONSTRAINT "client_assignments_bank_id_fkey" FOREIGN KEY ("bank_id") REFERENCES "banks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ───────────────────────── Hand-written ─────────────────────────

-- A client has a manager only inside a branch (head office holds unassigned clients).
ALTER TABLE "bank_clients" ADD CONSTRAINT "bank_clients_manager_needs_branch"
  CHECK ("manager_id" IS NULL OR "branch_id" IS NOT NULL);

ALTER TABLE "allocation_rules" ADD CONSTRAINT "allocation_rules_share_positive" CHECK ("share" > 0 AND "share" <= 100);

ALTER TABLE "list_batches" ADD CONSTRAINT "list_batches_counts_non_negative"
  CHECK ("rows_read" >= 0 AND "accepted" >= 0 AND "rejected" >= 0 AND "warnings" >= 0);

-- Assignment history is a record of what happened: never rewritten.
CREATE TRIGGER "client_assignments_append_only"
  BEFORE UPDATE OR DELETE ON "client_assignments"
  FOR EACH ROW EXECUTE FUNCTION "forbid_history_rewrite"();
CREATE TRIGGER "client_assignments_no_truncate"
  BEFORE TRUNCATE ON "client_assignments"
  FOR EACH STATEMENT EXECUTE FUNCTION "forbid_history_rewrite"();

-- Seeded and earlier batches were complete lists.
UPDATE "list_batches" SET "rows_read" = "row_count", "accepted" = "row_count", "status" = 'DONE';
