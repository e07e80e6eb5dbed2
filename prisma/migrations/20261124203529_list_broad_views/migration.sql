-- AlterTable
ALTER TABLE "Identity" ADD COLUMN     "wildcardScope" BOOLEAN NOT NULL DEFAULT false;


-- Hand-written: what the registry list needs to read broad views in order at scale (list-identities.ts,
-- docs/architecture.md "Lists and counts"). Everything below is kept by the database itself, whatever writes
-- the rows (forms, imports, token creation, bulk SQL), like the search text.

-- 1. "Holds a wildcard scope" as a column of the identity, so the warning is a partial index in the list's
-- order like the other rare warnings, instead of ids gathered from the scopes and sorted. The truth is
-- EXISTS over the identity's wildcard scopes (the Entitlement_wildcard partial index answers it).
CREATE FUNCTION identity_wildcard_refresh(ids uuid[]) RETURNS void AS $$
  UPDATE "Identity" i SET "wildcardScope" = w.held
  FROM (
    SELECT u.id, EXISTS (
      SELECT 1 FROM "Entitlement" e WHERE e."identityId" = u.id AND (e."resource" LIKE '%*%' OR e."action" LIKE '%*%')
    ) AS held
    FROM (SELECT DISTINCT unnest(ids) AS id) u
  ) w
  WHERE i.id = w.id AND i."wildcardScope" IS DISTINCT FROM w.held;
$$ LANGUAGE sql;

-- Inserts and deletes are set-based (one call per statement, over its transition table): an import writes
-- thousands of scopes per statement, and only the identities of wildcard scopes are looked at again.
CREATE FUNCTION entitlement_wildcard_inserted() RETURNS trigger AS $$
BEGIN
  PERFORM identity_wildcard_refresh(ARRAY(
    SELECT n."identityId" FROM new_scopes n WHERE n."resource" LIKE '%*%' OR n."action" LIKE '%*%'));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION entitlement_wildcard_deleted() RETURNS trigger AS $$
BEGIN
  PERFORM identity_wildcard_refresh(ARRAY(
    SELECT o."identityId" FROM old_scopes o WHERE o."resource" LIKE '%*%' OR o."action" LIKE '%*%'));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- An update is looked at per row, and only when it changes what decides (PostgreSQL cannot name columns
-- for a trigger with transition tables, which would copy every usage update of an import's scopes).
CREATE FUNCTION entitlement_wildcard_updated() RETURNS trigger AS $$
BEGIN
  PERFORM identity_wildcard_refresh(ARRAY[OLD."identityId", NEW."identityId"]);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER entitlement_wildcard_insert AFTER INSERT ON "Entitlement"
  REFERENCING NEW TABLE AS new_scopes FOR EACH STATEMENT EXECUTE FUNCTION entitlement_wildcard_inserted();
CREATE TRIGGER entitlement_wildcard_delete AFTER DELETE ON "Entitlement"
  REFERENCING OLD TABLE AS old_scopes FOR EACH STATEMENT EXECUTE FUNCTION entitlement_wildcard_deleted();
CREATE TRIGGER entitlement_wildcard_update AFTER UPDATE OF "resource", "action", "identityId" ON "Entitlement"
  FOR EACH ROW WHEN (OLD."resource" IS DISTINCT FROM NEW."resource" OR OLD."action" IS DISTINCT FROM NEW."action"
    OR OLD."identityId" IS DISTINCT FROM NEW."identityId")
  EXECUTE FUNCTION entitlement_wildcard_updated();

UPDATE "Identity" i SET "wildcardScope" = true
WHERE EXISTS (SELECT 1 FROM "Entitlement" e WHERE e."identityId" = i.id AND (e."resource" LIKE '%*%' OR e."action" LIKE '%*%'));

-- Nobody else decides it: a write of the column itself (a restored snapshot, a hand-made row) gets the truth.
-- The WHEN clauses keep ordinary inserts and updates from calling the function at all.
CREATE FUNCTION identity_wildcard_truth() RETURNS trigger AS $$
BEGIN
  NEW."wildcardScope" := EXISTS (
    SELECT 1 FROM "Entitlement" e WHERE e."identityId" = NEW.id AND (e."resource" LIKE '%*%' OR e."action" LIKE '%*%'));
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER identity_wildcard_insert BEFORE INSERT ON "Identity"
  FOR EACH ROW WHEN (NEW."wildcardScope") EXECUTE FUNCTION identity_wildcard_truth();
CREATE TRIGGER identity_wildcard_update BEFORE UPDATE OF "wildcardScope" ON "Identity"
  FOR EACH ROW WHEN (NEW."wildcardScope" IS DISTINCT FROM OLD."wildcardScope") EXECUTE FUNCTION identity_wildcard_truth();

CREATE INDEX "Identity_wildcard_scope_name" ON "Identity" ("name", "id") WHERE "wildcardScope";

-- The covering index by id (list_covering_keys) gave the sort keys of the wildcard filter's ids, found in the
-- scopes: nothing else reads it, and every import paid for it (ten columns per identity).
DROP INDEX IF EXISTS "Identity_list_keys";

-- 2. One row per identity and tag, in name order: a tag's identities are read in the list's default order
-- from here (the GIN index on tags finds them, but as table rows to fetch and sort, one page read each), and
-- a tag's in one environment too, like the (name, id) and (environment, name, id) indexes of Identity.
-- Not a Prisma model: only the list reads it (raw SQL), and only these triggers write it.
CREATE TABLE "IdentityTag" (
  "tag" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "identityId" UUID NOT NULL,
  "environment" TEXT NOT NULL,
  CONSTRAINT "IdentityTag_pkey" PRIMARY KEY ("tag", "name", "identityId")
);

CREATE FUNCTION identity_tags_inserted() RETURNS trigger AS $$
BEGIN
  INSERT INTO "IdentityTag" ("tag", "name", "identityId", "environment")
  SELECT DISTINCT g.tag, n."name", n.id, n."environment" FROM new_identities n, unnest(n."tags") AS g(tag)
  WHERE g.tag IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION identity_tags_updated() RETURNS trigger AS $$
BEGIN
  DELETE FROM "IdentityTag" t WHERE t."tag" = ANY (OLD."tags") AND t."name" = OLD."name" AND t."identityId" = OLD.id;
  INSERT INTO "IdentityTag" ("tag", "name", "identityId", "environment")
  SELECT DISTINCT g.tag, NEW."name", NEW.id, NEW."environment" FROM unnest(NEW."tags") AS g(tag) WHERE g.tag IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION identity_tags_deleted() RETURNS trigger AS $$
BEGIN
  DELETE FROM "IdentityTag" t USING old_identities o, unnest(o."tags") AS g(tag)
  WHERE t."tag" = g.tag AND t."name" = o."name" AND t."identityId" = o.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION identity_tags_truncated() RETURNS trigger AS $$
BEGIN
  TRUNCATE "IdentityTag";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Inserts and deletes set-based (an import inserts 5,000 identities per statement); an update per row, and
-- only when its tags, name or environment change.
CREATE TRIGGER identity_tags_insert AFTER INSERT ON "Identity"
  REFERENCING NEW TABLE AS new_identities FOR EACH STATEMENT EXECUTE FUNCTION identity_tags_inserted();
CREATE TRIGGER identity_tags_update AFTER UPDATE OF "tags", "name", "environment" ON "Identity"
  FOR EACH ROW WHEN (OLD."tags" IS DISTINCT FROM NEW."tags" OR OLD."name" IS DISTINCT FROM NEW."name"
    OR OLD."environment" IS DISTINCT FROM NEW."environment")
  EXECUTE FUNCTION identity_tags_updated();
CREATE TRIGGER identity_tags_delete AFTER DELETE ON "Identity"
  REFERENCING OLD TABLE AS old_identities FOR EACH STATEMENT EXECUTE FUNCTION identity_tags_deleted();
CREATE TRIGGER identity_tags_truncate AFTER TRUNCATE ON "Identity"
  FOR EACH STATEMENT EXECUTE FUNCTION identity_tags_truncated();

INSERT INTO "IdentityTag" ("tag", "name", "identityId", "environment")
SELECT DISTINCT g.tag, i."name", i.id, i."environment" FROM "Identity" i, unnest(i."tags") AS g(tag) WHERE g.tag IS NOT NULL;
CREATE INDEX "IdentityTag_environment" ON "IdentityTag" ("tag", "environment", "name", "identityId");

-- 3. A search read in name order (alone, or with an environment) checks the search text, and the owner a
-- search also matches by, in the index it walks: an index-only scan, where each identity would otherwise
-- cost a table page. Same keys as before (schema.prisma declares them), the text carried alongside.
DROP INDEX "Identity_name_id_idx";
CREATE INDEX "Identity_name_id_idx" ON "Identity" ("name", "id") INCLUDE ("search", "ownerId");
DROP INDEX "Identity_environment_name_id_idx";
CREATE INDEX "Identity_environment_name_id_idx" ON "Identity" ("environment", "name", "id") INCLUDE ("search", "ownerId");

-- The planner's statistics for the new column and table (the list chooses its read from the estimates).
ANALYZE "Identity";
ANALYZE "IdentityTag";
