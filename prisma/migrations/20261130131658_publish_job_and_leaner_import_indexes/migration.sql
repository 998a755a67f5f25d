

-- DropIndex
DROP INDEX "enterprises_first_loan_on_idx";

-- DropIndex
DROP INDEX "list_batch_rows_batch_id_uscc_idx";

-- AlterTable
ALTER TABLE "list_batches" ADD COLUMN     "publish_error" TEXT,
ADD COLUMN     "publish_requested_at" TIMESTAMPTZ(3),
ADD COLUMN     "publish_requested_by_id" UUID;

-- Hand-written: first loans are looked up by date only among enterprises that have one; a
-- partial index costs nothing when a list import adds 500,000 enterprises without a loan.
CREATE INDEX "enterprises_first_loan_on_idx" ON "enterprises" ("first_loan_on") WHERE "first_loan_on" IS NOT NULL;
