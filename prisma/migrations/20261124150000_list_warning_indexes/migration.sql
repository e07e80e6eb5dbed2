-- Hand-written: indexes for the registry list's warning filters (lib/domain/registry/identity-filter.ts).
-- Indexes only; not declared in schema.prisma (Prisma cannot express partial indexes).

-- Rare warnings: a partial index in the list's default order finds the page and the bounded count
-- directly, instead of walking the name index past every identity without the warning.
CREATE INDEX "Identity_never_expires_name" ON "Identity" ("name", "id") WHERE "neverExpires";
CREATE INDEX "Identity_human_use_name" ON "Identity" ("name", "id") WHERE "humanUse";
CREATE INDEX "Identity_several_active_name" ON "Identity" ("name", "id") WHERE "activeCredentials" >= 2;
CREATE INDEX "Identity_gone_from_source_name" ON "Identity" ("name", "id") WHERE "goneFromSourceAt" IS NOT NULL;

-- Scope warnings are EXISTS over the identity's scopes: these answer "does this identity hold one" from
-- an index of only the scopes that matter.
CREATE INDEX "Entitlement_privileged" ON "Entitlement" ("identityId") WHERE "level" IN ('write', 'admin');
CREATE INDEX "Entitlement_wildcard" ON "Entitlement" ("identityId") WHERE "resource" LIKE '%*%' OR "action" LIKE '%*%';

-- The list's sorts on nullable columns, in both directions with nulls last and the id tie-break, so a page
-- is read in order from an index instead of sorting every identity (or every identity sharing a date).
CREATE INDEX "Identity_expires_asc_order" ON "Identity" ("credentialExpiresAt" ASC NULLS LAST, "id");
CREATE INDEX "Identity_expires_desc_order" ON "Identity" ("credentialExpiresAt" DESC NULLS LAST, "id");
CREATE INDEX "Identity_last_used_asc_order" ON "Identity" ("lastUsedAt" ASC NULLS LAST, "id");
CREATE INDEX "Identity_last_used_desc_order" ON "Identity" ("lastUsedAt" DESC NULLS LAST, "id");
