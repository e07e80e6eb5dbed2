-- Hand-written rules the Prisma schema cannot express.

-- Closed vocabularies, enforced by the database as well as by the domain's validation.
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_kind_known" CHECK ("kind" IN
  ('service_account', 'api_key', 'oauth_app', 'workload_identity', 'cicd_token', 'bot', 'ai_agent', 'certificate'));
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_environment_known" CHECK ("environment" IN
  ('production', 'staging', 'test', 'development'));
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_status_known" CHECK ("status" IN ('active', 'suspended', 'decommissioned'));
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_credential_type_known" CHECK ("credentialType" IS NULL OR "credentialType" IN
  ('static_secret', 'short_lived_token', 'federated', 'certificate', 'oauth_client'));
ALTER TABLE "Identity" ALTER COLUMN "tags" SET NOT NULL;
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_level_known" CHECK ("level" IN ('read', 'write', 'admin'));

-- One grant per resource, action and environment, where "no environment" counts as one value too.
DROP INDEX "Entitlement_identityId_resource_action_environment_key";
CREATE UNIQUE INDEX "Entitlement_identityId_resource_action_environment_key"
  ON "Entitlement" ("identityId", "resource", "action", "environment") NULLS NOT DISTINCT;

-- Substring search over name, external id and purpose stays indexed at hundreds of thousands of rows.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Identity_name_trgm" ON "Identity" USING GIN ("name" gin_trgm_ops);
CREATE INDEX "Identity_externalId_trgm" ON "Identity" USING GIN ("externalId" gin_trgm_ops);
CREATE INDEX "Identity_purpose_trgm" ON "Identity" USING GIN ("purpose" gin_trgm_ops);
