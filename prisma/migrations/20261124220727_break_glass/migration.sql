-- CreateTable
CREATE TABLE "BreakGlassPolicy" (
    "id" UUID NOT NULL,
    "environment" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "maxDurationMinutes" INTEGER NOT NULL,
    "approvalsRequired" INTEGER NOT NULL DEFAULT 1,
    "approverTeam" TEXT,
    "pendingExpiryMinutes" INTEGER NOT NULL DEFAULT 1440,
    "emergencyAllowed" BOOLEAN NOT NULL DEFAULT false,
    "ticketPattern" TEXT,
    "afterActionRequired" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BreakGlassPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BreakGlassRequest" (
    "id" UUID NOT NULL,
    "identityId" UUID NOT NULL,
    "requesterId" UUID NOT NULL,
    "requesterTokenId" UUID,
    "scopes" JSONB NOT NULL,
    "policy" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "ticket" TEXT,
    "durationMinutes" INTEGER NOT NULL,
    "emergency" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "pendingUntil" TIMESTAMPTZ(3) NOT NULL,
    "startAt" TIMESTAMPTZ(3) NOT NULL,
    "approvalsRequired" INTEGER NOT NULL,
    "approvedAt" TIMESTAMPTZ(3),
    "activeFrom" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "closedById" UUID,
    "closedReason" TEXT,
    "endAnnouncedAt" TIMESTAMPTZ(3),
    "extendsRequestId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "BreakGlassRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BreakGlassApproval" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "approverId" UUID NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT,
    "shortenTo" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BreakGlassApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AfterActionReview" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "identityId" UUID NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "filedAt" TIMESTAMPTZ(3),
    "reviewerId" UUID,
    "whatWasDone" TEXT,
    "verdict" TEXT,
    "rotationRequired" BOOLEAN NOT NULL DEFAULT false,
    "rotationRecordedAt" TIMESTAMPTZ(3),
    "escalatedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AfterActionReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BreakGlassPolicy_environment_level_key" ON "BreakGlassPolicy"("environment", "level");

-- CreateIndex
CREATE INDEX "BreakGlassRequest_identityId_status_expiresAt_idx" ON "BreakGlassRequest"("identityId", "status", "expiresAt");

-- CreateIndex
CREATE INDEX "BreakGlassRequest_status_pendingUntil_idx" ON "BreakGlassRequest"("status", "pendingUntil");

-- CreateIndex
CREATE INDEX "BreakGlassRequest_status_expiresAt_idx" ON "BreakGlassRequest"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "BreakGlassRequest_requesterId_requestedAt_idx" ON "BreakGlassRequest"("requesterId", "requestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BreakGlassApproval_requestId_approverId_key" ON "BreakGlassApproval"("requestId", "approverId");

-- CreateIndex
CREATE UNIQUE INDEX "AfterActionReview_requestId_key" ON "AfterActionReview"("requestId");

-- CreateIndex
CREATE INDEX "AfterActionReview_identityId_filedAt_idx" ON "AfterActionReview"("identityId", "filedAt");

-- CreateIndex
CREATE INDEX "AfterActionReview_filedAt_dueAt_idx" ON "AfterActionReview"("filedAt", "dueAt");

-- AddForeignKey
ALTER TABLE "BreakGlassApproval" ADD CONSTRAINT "BreakGlassApproval_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "BreakGlassRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AfterActionReview" ADD CONSTRAINT "AfterActionReview_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "BreakGlassRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The starting policy (admins change it under Break-glass, audited): production admin for at most 4 hours with two
-- distinct approvers, the emergency path and an after-action review; production write or read for 4 or 8 hours
-- with one approver; anything outside production for up to 24 hours with one approver. Requests wait 24 hours.
INSERT INTO "BreakGlassPolicy" (id, environment, level, "maxDurationMinutes", "approvalsRequired", "pendingExpiryMinutes", "emergencyAllowed", "afterActionRequired", "updatedAt") VALUES
  (gen_random_uuid(), 'production', 'admin', 240, 2, 1440, true, true, CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'production', 'write', 240, 1, 1440, true, false, CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'production', 'read', 480, 1, 1440, false, false, CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'non_production', 'admin', 1440, 1, 1440, false, false, CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'non_production', 'write', 1440, 1, 1440, false, false, CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'non_production', 'read', 1440, 1, 1440, false, false, CURRENT_TIMESTAMP);
