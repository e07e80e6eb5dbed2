-- Hand-written: indexes only (Prisma cannot express INCLUDE columns).
-- A list read filter-first from ids found elsewhere (the wildcard scope's identities, from the partial index
-- of wildcard scopes) needs each identity's sort key, and often one or two more columns (environment, owner).
-- Read from the table, that is one page read per identity spread over the whole table, more than the default
-- shared_buffers hold at 500,000 identities. This index holds them by id, so the read is an index-only scan
-- (VACUUM, or autovacuum after an import, keeps the visibility map that needs).
CREATE INDEX "Identity_list_keys" ON "Identity" ("id")
  INCLUDE ("name", "updatedAt", "createdAt", "credentialExpiresAt", "lastUsedAt", "environment", "status", "kind", "platform", "ownerId");

-- "Several active credentials" (activeCredentials >= 2, the only filter on the column) is served by the partial
-- index Identity_several_active_name: the plain index cost every import a write and served nothing.
DROP INDEX IF EXISTS "Identity_activeCredentials_idx";
