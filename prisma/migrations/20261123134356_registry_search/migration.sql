-- AlterTable
ALTER TABLE "Identity" ADD COLUMN     "search" TEXT;


-- Hand-written: one lowercased search text per identity, kept by the database whatever writes the row
-- (forms, imports, bulk SQL), with one trigram index instead of three. A single LIKE per row is also much
-- cheaper than three ILIKEs where the planner scans (small tables, PGlite).
CREATE FUNCTION identity_search_text() RETURNS trigger AS $$
BEGIN
  NEW."search" := lower(NEW."name" || ' ' || NEW."externalId" || ' ' || NEW."purpose");
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER identity_search BEFORE INSERT OR UPDATE OF "name", "externalId", "purpose", "search" ON "Identity"
  FOR EACH ROW EXECUTE FUNCTION identity_search_text();

UPDATE "Identity" SET "search" = NULL;

DROP INDEX "Identity_name_trgm";
DROP INDEX "Identity_externalId_trgm";
DROP INDEX "Identity_purpose_trgm";
CREATE INDEX "Identity_search_trgm" ON "Identity" USING GIN ("search" gin_trgm_ops);
