-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('NEED_NO_VISIT', 'FOLLOW_UP_DUE', 'APPROVED_NOT_DRAWN', 'LINE_EXPIRING', 'PARTNER_AT_RISK', 'UNTOUCHED', 'PROPOSAL_PENDING', 'DAILY_DIGEST', 'NOTICE_PUBLISHED');

-- CreateTable
CREATE TABLE "job_runs" (
    "id" BIGSERIAL NOT NULL,
    "job" VARCHAR(40) NOT NULL,
    "key" VARCHAR(40) NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "trigger" VARCHAR(20) NOT NULL,
    "requested_by_id" UUID,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "rows_touched" INTEGER,
    "detail" JSONB,
    "error" TEXT,

    CONSTRAINT "job_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "bank_id" UUID,
    "kind" "NotificationKind" NOT NULL,
    "cause_key" VARCHAR(120) NOT NULL,
    "enterprise_id" UUID,
    "client_id" UUID,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "job_runs_job_started_at_idx" ON "job_runs"("job", "started_at");

-- CreateIndex
CREATE INDEX "job_runs_started_at_idx" ON "job_runs"("started_at");

-- CreateIndex
CREATE INDEX "notifications_user_id_closed_at_created_at_idx" ON "notifications"("user_id", "closed_at", "created_at");

-- CreateIndex
CREATE INDEX "notifications_kind_closed_at_idx" ON "notifications"("kind", "closed_at");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_user_id_kind_cause_key_key" ON "notifications"("user_id", "kind", "cause_key");

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
