-- AlterTable
ALTER TABLE "Identity" ADD COLUMN     "activeCredentials" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "flags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "goneFromSourceAt" TIMESTAMPTZ(3),
ADD COLUMN     "humanUse" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "lastImportId" UUID,
ADD COLUMN     "neverExpires" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "oldestCredentialAt" TIMESTAMPTZ(3),
ADD COLUMN     "pinnedFields" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "source" TEXT,
ADD COLUMN     "usage" TEXT NOT NULL DEFAULT 'unknown';

-- AlterTable
ALTER TABLE "Entitlement" ADD COLUMN     "lastUsedAt" TIMESTAMPTZ(3),
ADD COLUMN     "lastUsedWhere" TEXT,
ADD COLUMN     "usage" TEXT NOT NULL DEFAULT 'unknown';

-- CreateTable
CREATE TABLE "Credential" (
    "id" UUID NOT NULL,
    "identityId" UUID NOT NULL,
    "handle" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "issuedAt" TIMESTAMPTZ(3),
    "rotatedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "usage" TEXT NOT NULL DEFAULT 'unknown',
    "lastUsedWhere" TEXT,
    "federatedWith" TEXT,
    "linkedIdentityId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Credential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportRun" (
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "source" TEXT,
    "fullExport" BOOLEAN NOT NULL DEFAULT false,
    "fileSha256" TEXT NOT NULL,
    "fileBytes" BIGINT NOT NULL,
    "counts" JSONB NOT NULL,

    CONSTRAINT "ImportRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentRule" (
    "id" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT,

    CONSTRAINT "AgentRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Credential_linkedIdentityId_idx" ON "Credential"("linkedIdentityId");

-- CreateIndex
CREATE INDEX "Credential_federatedWith_idx" ON "Credential"("federatedWith");

-- CreateIndex
CREATE UNIQUE INDEX "Credential_identityId_handle_key" ON "Credential"("identityId", "handle");

-- CreateIndex
CREATE INDEX "ImportRun_at_idx" ON "ImportRun"("at");

-- CreateIndex
CREATE UNIQUE INDEX "AgentRule_field_pattern_key" ON "AgentRule"("field", "pattern");

-- CreateIndex
CREATE INDEX "Identity_flags_idx" ON "Identity" USING GIN ("flags");

-- CreateIndex
CREATE INDEX "Identity_activeCredentials_idx" ON "Identity"("activeCredentials");

-- CreateIndex
CREATE INDEX "Identity_oldestCredentialAt_idx" ON "Identity"("oldestCredentialAt");

-- CreateIndex
CREATE INDEX "Identity_usage_idx" ON "Identity"("usage");

-- CreateIndex
CREATE INDEX "Identity_source_goneFromSourceAt_idx" ON "Identity"("source", "goneFromSourceAt");

-- CreateIndex
CREATE INDEX "Identity_lastImportId_idx" ON "Identity"("lastImportId");

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_lastImportId_fkey" FOREIGN KEY ("lastImportId") REFERENCES "ImportRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_linkedIdentityId_fkey" FOREIGN KEY ("linkedIdentityId") REFERENCES "Identity"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written: closed vocabularies and NOT NULL arrays, as in registry_rules.
ALTER TABLE "Identity" ALTER COLUMN "flags" SET NOT NULL;
ALTER TABLE "Identity" ALTER COLUMN "pinnedFields" SET NOT NULL;
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_usage_known" CHECK ("usage" IN ('known', 'never', 'unknown'));
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_usage_known" CHECK ("usage" IN ('known', 'never', 'unknown'));
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_usage_known" CHECK ("usage" IN ('known', 'never', 'unknown'));
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_status_known" CHECK ("status" IN ('active', 'inactive'));
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_type_known" CHECK ("type" IN
  ('static_secret', 'short_lived_token', 'federated', 'certificate', 'oauth_client'));
ALTER TABLE "AgentRule" ADD CONSTRAINT "AgentRule_field_known" CHECK ("field" IN ('label', 'annotation', 'name', 'vendor'));

-- "No owner" is the filter that matters most and the rarest: a partial index finds those rows directly
-- instead of walking the sort index past every owned identity.
CREATE INDEX "Identity_no_owner_name" ON "Identity" ("name", "id") WHERE "ownerId" IS NULL;

-- Each identity's single credential, as the registry held it until now, becomes its first record.
INSERT INTO "Credential" ("id", "identityId", "handle", "type", "status", "issuedAt", "rotatedAt", "expiresAt",
  "lastUsedAt", "usage", "createdAt", "updatedAt")
SELECT gen_random_uuid(), i."id", 'primary', i."credentialType", 'active', i."credentialIssuedAt",
  i."credentialRotatedAt", i."credentialExpiresAt", i."lastUsedAt",
  CASE WHEN i."lastUsedAt" IS NULL THEN 'unknown' ELSE 'known' END, i."createdAt", i."updatedAt"
FROM "Identity" i WHERE i."credentialType" IS NOT NULL;
UPDATE "Identity" i SET "activeCredentials" = 1,
  "oldestCredentialAt" = COALESCE(i."credentialRotatedAt", i."credentialIssuedAt"),
  "neverExpires" = (i."credentialType" IN ('static_secret', 'oauth_client') AND i."credentialExpiresAt" IS NULL),
  "usage" = CASE WHEN i."lastUsedAt" IS NULL THEN 'unknown' ELSE 'known' END
WHERE i."credentialType" IS NOT NULL;

-- A federated credential names its cloud identity by that identity's external id (a role ARN, a service
-- account email): linking them looks external ids up without the platform.
CREATE INDEX "Identity_externalId_idx" ON "Identity" ("externalId");

-- A GitHub App installation is its own kind: it acts for the app, across the repositories it was given.
ALTER TABLE "Identity" DROP CONSTRAINT "Identity_kind_known";
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_kind_known" CHECK ("kind" IN
  ('service_account', 'api_key', 'oauth_app', 'workload_identity', 'cicd_token', 'bot', 'ai_agent', 'certificate',
   'github_app_installation'));

-- Scopes an import knows are granted without knowing at which level (the access advisor lists services).
ALTER TABLE "Entitlement" DROP CONSTRAINT "Entitlement_level_known";
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_level_known" CHECK ("level" IN ('read', 'write', 'admin', 'unknown'));
