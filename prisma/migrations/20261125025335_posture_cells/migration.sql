-- AlterTable
ALTER TABLE "IdentityPosture" ADD COLUMN     "counted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "environment" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "platform" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "team" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "PostureCell" (
    "team" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "openChecks" BIGINT NOT NULL,
    "identities" INTEGER NOT NULL,

    CONSTRAINT "PostureCell_pkey" PRIMARY KEY ("team","platform","environment","openChecks")
);


-- What the evaluation counted so far, counted again into the cells.
UPDATE "IdentityPosture" p SET team = COALESCE(i.team, ''), platform = i.platform, environment = i.environment, counted = (i.status = 'active')
FROM "Identity" i WHERE i.id = p."identityId";
INSERT INTO "PostureCell" (team, platform, environment, "openChecks", identities)
SELECT team, platform, environment, "openChecks", count(*)::int FROM "IdentityPosture" WHERE counted GROUP BY 1, 2, 3, 4;

-- The dashboard filters by team from the cells: a team change re-evaluates the identity like the other fields.
DROP TRIGGER identity_posture_update ON "Identity";
CREATE TRIGGER identity_posture_update AFTER UPDATE ON "Identity"
  FOR EACH ROW WHEN (
    OLD."ownerId" IS DISTINCT FROM NEW."ownerId" OR OLD."backupOwnerId" IS DISTINCT FROM NEW."backupOwnerId"
    OR OLD."status" IS DISTINCT FROM NEW."status" OR OLD."kind" IS DISTINCT FROM NEW."kind"
    OR OLD."platform" IS DISTINCT FROM NEW."platform" OR OLD."environment" IS DISTINCT FROM NEW."environment"
    OR OLD."team" IS DISTINCT FROM NEW."team"
    OR OLD."vendor" IS DISTINCT FROM NEW."vendor" OR OLD."credentialType" IS DISTINCT FROM NEW."credentialType"
    OR OLD."credentialIssuedAt" IS DISTINCT FROM NEW."credentialIssuedAt"
    OR OLD."credentialRotatedAt" IS DISTINCT FROM NEW."credentialRotatedAt"
    OR OLD."credentialExpiresAt" IS DISTINCT FROM NEW."credentialExpiresAt"
    OR OLD."oldestCredentialAt" IS DISTINCT FROM NEW."oldestCredentialAt"
    OR OLD."lastUsedAt" IS DISTINCT FROM NEW."lastUsedAt" OR OLD."usage" IS DISTINCT FROM NEW."usage"
    OR OLD."neverExpires" IS DISTINCT FROM NEW."neverExpires" OR OLD."humanUse" IS DISTINCT FROM NEW."humanUse"
    OR OLD."wildcardScope" IS DISTINCT FROM NEW."wildcardScope" OR OLD."activeCredentials" IS DISTINCT FROM NEW."activeCredentials")
  EXECUTE FUNCTION posture_mark_identity_row();

-- The dashboard's "credentials expiring per week": an index-only range scan over the active identities' expiries,
-- with what its filters read (not in schema.prisma: Prisma cannot declare a partial covering index).
CREATE INDEX "Identity_expiry_active_idx" ON "Identity"("credentialExpiresAt") INCLUDE (team, platform, environment, "ownerId")
  WHERE status = 'active';

-- The findings list's order (most severe, then newest) over the open findings: a page walks the index and stops.
CREATE INDEX "Finding_open_rank_idx" ON "Finding"
  ((CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END), "firstSeenAt" DESC, id)
  WHERE status = 'open';
