-- CreateTable
CREATE TABLE "ReviewCampaign" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "scope" JSONB NOT NULL,
    "ownerId" UUID NOT NULL,
    "fallbackReviewerIds" TEXT[],
    "durationDays" INTEGER NOT NULL,
    "reminderDays" INTEGER[],
    "escalationDays" INTEGER[],
    "graceDays" INTEGER NOT NULL DEFAULT 7,
    "secondStageItems" TEXT NOT NULL DEFAULT 'none',
    "secondStageReviewerIds" TEXT[],
    "secondStageDays" INTEGER NOT NULL DEFAULT 7,
    "nonResponseAction" TEXT NOT NULL DEFAULT 'keep_flag',
    "applyMode" TEXT NOT NULL DEFAULT 'on_close',
    "recurrence" TEXT NOT NULL DEFAULT 'one_off',
    "cron" TEXT,
    "followUpRound" BOOLEAN NOT NULL DEFAULT false,
    "followUpDays" INTEGER NOT NULL DEFAULT 7,
    "observationDays" INTEGER NOT NULL DEFAULT 14,
    "trigger" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "nextRunAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReviewCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewRun" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "stage" INTEGER NOT NULL DEFAULT 1,
    "trigger" TEXT NOT NULL,
    "launchedById" UUID,
    "launchedAt" TIMESTAMPTZ(3) NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "closedById" UUID,
    "settings" JSONB NOT NULL,
    "parentRunId" UUID,
    "event" JSONB,
    "itemCount" INTEGER NOT NULL DEFAULT 0,
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "escalationStep" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewItem" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "identityId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "team" TEXT,
    "vendor" TEXT,
    "ownerId" UUID,
    "backupOwnerId" UUID,
    "credentialType" TEXT,
    "oldestCredentialAt" TIMESTAMPTZ(3),
    "credentialRotatedAt" TIMESTAMPTZ(3),
    "credentialExpiresAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "usage" TEXT NOT NULL,
    "activeCredentials" INTEGER NOT NULL,
    "neverExpires" BOOLEAN NOT NULL,
    "humanUse" BOOLEAN NOT NULL,
    "flags" TEXT[],
    "risks" TEXT[],
    "recommendation" TEXT NOT NULL,
    "recommendationReason" TEXT NOT NULL,
    "reviewerId" UUID,
    "reviewerRung" TEXT NOT NULL,
    "extraReviewerIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "stage" INTEGER NOT NULL DEFAULT 1,
    "decision" TEXT,
    "decisionReason" TEXT,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "keepUntil" TIMESTAMPTZ(3),
    "rotateBy" TIMESTAMPTZ(3),
    "transferToId" UUID,
    "firstStageDecidedById" UUID,
    "firstStageDecision" TEXT,
    "outcome" TEXT,
    "appliedAt" TIMESTAMPTZ(3),
    "appliedBefore" JSONB,
    "remediationStatus" TEXT NOT NULL DEFAULT 'not_needed',
    "remediationNote" TEXT,
    "remediationUpdatedAt" TIMESTAMPTZ(3),
    "observeUntil" TIMESTAMPTZ(3),
    "rolledBackAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ReviewItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewItemScope" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "entitlementId" UUID,
    "resource" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "environment" TEXT,
    "lastUsedAt" TIMESTAMPTZ(3),
    "usage" TEXT NOT NULL,
    "risky" BOOLEAN NOT NULL,
    "decision" TEXT,
    "reduceToLevel" TEXT,
    "reduceToEnvironment" TEXT,

    CONSTRAINT "ReviewItemScope_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewCampaign_status_nextRunAt_idx" ON "ReviewCampaign"("status", "nextRunAt");

-- CreateIndex
CREATE INDEX "ReviewCampaign_trigger_idx" ON "ReviewCampaign"("trigger");

-- CreateIndex
CREATE INDEX "ReviewRun_status_endsAt_idx" ON "ReviewRun"("status", "endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewRun_campaignId_number_key" ON "ReviewRun"("campaignId", "number");

-- CreateIndex
CREATE INDEX "ReviewItem_reviewerId_runId_decidedAt_idx" ON "ReviewItem"("reviewerId", "runId", "decidedAt");

-- CreateIndex
CREATE INDEX "ReviewItem_extraReviewerIds_idx" ON "ReviewItem" USING GIN ("extraReviewerIds");

-- CreateIndex
CREATE INDEX "ReviewItem_identityId_idx" ON "ReviewItem"("identityId");

-- CreateIndex
CREATE INDEX "ReviewItem_runId_decidedAt_idx" ON "ReviewItem"("runId", "decidedAt");

-- CreateIndex
CREATE INDEX "ReviewItem_remediationStatus_observeUntil_idx" ON "ReviewItem"("remediationStatus", "observeUntil");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewItem_runId_identityId_key" ON "ReviewItem"("runId", "identityId");

-- CreateIndex
CREATE INDEX "ReviewItemScope_itemId_idx" ON "ReviewItemScope"("itemId");

-- CreateIndex
CREATE INDEX "ReviewItemScope_runId_decision_idx" ON "ReviewItemScope"("runId", "decision");

-- AddForeignKey
ALTER TABLE "ReviewRun" ADD CONSTRAINT "ReviewRun_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ReviewCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ReviewRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItemScope" ADD CONSTRAINT "ReviewItemScope_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ReviewItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

