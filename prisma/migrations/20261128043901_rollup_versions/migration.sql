-- CreateTable
CREATE TABLE "rollup_versions" (
    "slot" SMALLINT NOT NULL,
    "changes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "rollup_versions_pkey" PRIMARY KEY ("slot")
);
