-- CreateTable
CREATE TABLE "Identity" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "ownerId" UUID,
    "backupOwnerId" UUID,
    "team" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "vendor" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "credentialType" TEXT,
    "credentialIssuedAt" TIMESTAMPTZ(3),
    "credentialRotatedAt" TIMESTAMPTZ(3),
    "credentialExpiresAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Entitlement" (
    "id" UUID NOT NULL,
    "identityId" UUID NOT NULL,
    "resource" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "environment" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Entitlement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Identity_name_id_idx" ON "Identity"("name", "id");

-- CreateIndex
CREATE INDEX "Identity_kind_idx" ON "Identity"("kind");

-- CreateIndex
CREATE INDEX "Identity_environment_idx" ON "Identity"("environment");

-- CreateIndex
CREATE INDEX "Identity_status_idx" ON "Identity"("status");

-- CreateIndex
CREATE INDEX "Identity_ownerId_idx" ON "Identity"("ownerId");

-- CreateIndex
CREATE INDEX "Identity_backupOwnerId_idx" ON "Identity"("backupOwnerId");

-- CreateIndex
CREATE INDEX "Identity_team_idx" ON "Identity"("team");

-- CreateIndex
CREATE INDEX "Identity_credentialType_idx" ON "Identity"("credentialType");

-- CreateIndex
CREATE INDEX "Identity_credentialExpiresAt_idx" ON "Identity"("credentialExpiresAt");

-- CreateIndex
CREATE INDEX "Identity_lastUsedAt_idx" ON "Identity"("lastUsedAt");

-- CreateIndex
CREATE INDEX "Identity_updatedAt_idx" ON "Identity"("updatedAt");

-- CreateIndex
CREATE INDEX "Identity_createdAt_idx" ON "Identity"("createdAt");

-- CreateIndex
CREATE INDEX "Identity_tags_idx" ON "Identity" USING GIN ("tags");

-- CreateIndex
CREATE UNIQUE INDEX "Identity_platform_externalId_key" ON "Identity"("platform", "externalId");

-- CreateIndex
CREATE INDEX "Entitlement_identityId_idx" ON "Entitlement"("identityId");

-- CreateIndex
CREATE INDEX "Entitlement_level_idx" ON "Entitlement"("level");

-- CreateIndex
CREATE UNIQUE INDEX "Entitlement_identityId_resource_action_environment_key" ON "Entitlement"("identityId", "resource", "action", "environment");

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_backupOwnerId_fkey" FOREIGN KEY ("backupOwnerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

