

-- AlterTable
ALTER TABLE "visits" ADD COLUMN     "payload_hash" CHAR(64);
