-- DropIndex
DROP INDEX "Identity_kind_idx";

-- DropIndex
DROP INDEX "Identity_environment_idx";

-- DropIndex
DROP INDEX "Identity_team_idx";

-- DropIndex
DROP INDEX "Identity_credentialType_idx";

-- DropIndex
DROP INDEX "Identity_credentialExpiresAt_idx";

-- DropIndex
DROP INDEX "Identity_lastUsedAt_idx";

-- CreateIndex
CREATE INDEX "Identity_kind_name_id_idx" ON "Identity"("kind", "name", "id");

-- CreateIndex
CREATE INDEX "Identity_platform_name_id_idx" ON "Identity"("platform", "name", "id");

-- CreateIndex
CREATE INDEX "Identity_environment_name_id_idx" ON "Identity"("environment", "name", "id");

-- CreateIndex
CREATE INDEX "Identity_team_name_id_idx" ON "Identity"("team", "name", "id");

-- CreateIndex
CREATE INDEX "Identity_credentialType_name_id_idx" ON "Identity"("credentialType", "name", "id");

