-- Hand-written: indexes only; not declared in schema.prisma (Prisma cannot express partial indexes).
-- "Privileged in production" asks for write or admin scopes that apply in production (a scope without an
-- environment of its own applies where its identity runs): the index holds exactly those, so the filter
-- reads it alone instead of every write and admin scope and then their rows. It replaces the broader
-- index of write and admin scopes, which served only this filter: imports keep the same number of indexes.
DROP INDEX IF EXISTS "Entitlement_privileged";
CREATE INDEX "Entitlement_privileged_in_production" ON "Entitlement" ("identityId")
  WHERE "level" IN ('write', 'admin') AND ("environment" IS NULL OR "environment" = 'production');
