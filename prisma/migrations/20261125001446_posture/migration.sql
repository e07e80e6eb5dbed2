-- CreateTable
CREATE TABLE "PosturePolicy" (
    "id" TEXT NOT NULL DEFAULT 'current',
    "rotationMaxDays" INTEGER NOT NULL DEFAULT 90,
    "unusedMaxDays" INTEGER NOT NULL DEFAULT 90,
    "lifetimeMaxDays" INTEGER NOT NULL DEFAULT 366,
    "expiringWithinDays" INTEGER NOT NULL DEFAULT 30,
    "reviewMaxDays" INTEGER NOT NULL DEFAULT 365,
    "newIdentityGraceDays" INTEGER NOT NULL DEFAULT 30,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PosturePolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" UUID NOT NULL,
    "identityId" UUID NOT NULL,
    "checkId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "severity" TEXT NOT NULL,
    "evidence" JSONB,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "resolvedAt" TIMESTAMPTZ(3),
    "reopenedCount" INTEGER NOT NULL DEFAULT 0,
    "decidedById" UUID,
    "decisionReason" TEXT,
    "until" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostureDirty" (
    "identityId" UUID NOT NULL,
    "markedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostureDirty_pkey" PRIMARY KEY ("identityId")
);

-- CreateTable
CREATE TABLE "IdentityPosture" (
    "identityId" UUID NOT NULL,
    "openChecks" BIGINT NOT NULL DEFAULT 0,
    "score" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IdentityPosture_pkey" PRIMARY KEY ("identityId")
);

-- CreateTable
CREATE TABLE "PostureDay" (
    "day" DATE NOT NULL,
    "summary" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PostureDay_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "Finding_checkId_status_idx" ON "Finding"("checkId", "status");

-- CreateIndex
CREATE INDEX "Finding_status_severity_idx" ON "Finding"("status", "severity");

-- CreateIndex
CREATE INDEX "Finding_status_until_idx" ON "Finding"("status", "until");

-- CreateIndex
CREATE UNIQUE INDEX "Finding_identityId_checkId_key" ON "Finding"("identityId", "checkId");

-- CreateIndex
CREATE INDEX "PostureDirty_markedAt_idx" ON "PostureDirty"("markedAt");

-- CreateIndex
CREATE INDEX "IdentityPosture_score_idx" ON "IdentityPosture"("score");


-- The posture policy's one row, with the defaults (rotation 90 days, unused 90, lifetime 366, expiring within 30,
-- reviewed within 365, new identities judged after 30).
INSERT INTO "PosturePolicy" ("id", "updatedAt") VALUES ('current', CURRENT_TIMESTAMP);

-- Whatever writes a table the checks read marks the identities it touched (set-based for inserts and deletes;
-- per row for updates, only when a column a check reads changes: PostgreSQL cannot name columns for a trigger
-- with transition tables). The incremental evaluation drains the mark.
CREATE FUNCTION posture_mark(ids uuid[]) RETURNS void AS $$
BEGIN
  INSERT INTO "PostureDirty" ("identityId")
  SELECT DISTINCT x FROM unnest(ids) AS x WHERE x IS NOT NULL
  ON CONFLICT DO NOTHING;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION posture_mark_new_identities() RETURNS trigger AS $$
BEGIN
  INSERT INTO "PostureDirty" ("identityId") SELECT id FROM posture_new ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER identity_posture_insert AFTER INSERT ON "Identity"
  REFERENCING NEW TABLE AS posture_new FOR EACH STATEMENT EXECUTE FUNCTION posture_mark_new_identities();

CREATE FUNCTION posture_mark_identity_row() RETURNS trigger AS $$
BEGIN
  PERFORM posture_mark(ARRAY[NEW.id]);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER identity_posture_update AFTER UPDATE ON "Identity"
  FOR EACH ROW WHEN (
    OLD."ownerId" IS DISTINCT FROM NEW."ownerId" OR OLD."backupOwnerId" IS DISTINCT FROM NEW."backupOwnerId"
    OR OLD."status" IS DISTINCT FROM NEW."status" OR OLD."kind" IS DISTINCT FROM NEW."kind"
    OR OLD."platform" IS DISTINCT FROM NEW."platform" OR OLD."environment" IS DISTINCT FROM NEW."environment"
    OR OLD."vendor" IS DISTINCT FROM NEW."vendor" OR OLD."credentialType" IS DISTINCT FROM NEW."credentialType"
    OR OLD."credentialIssuedAt" IS DISTINCT FROM NEW."credentialIssuedAt"
    OR OLD."credentialRotatedAt" IS DISTINCT FROM NEW."credentialRotatedAt"
    OR OLD."credentialExpiresAt" IS DISTINCT FROM NEW."credentialExpiresAt"
    OR OLD."oldestCredentialAt" IS DISTINCT FROM NEW."oldestCredentialAt"
    OR OLD."lastUsedAt" IS DISTINCT FROM NEW."lastUsedAt" OR OLD."usage" IS DISTINCT FROM NEW."usage"
    OR OLD."neverExpires" IS DISTINCT FROM NEW."neverExpires" OR OLD."humanUse" IS DISTINCT FROM NEW."humanUse"
    OR OLD."wildcardScope" IS DISTINCT FROM NEW."wildcardScope" OR OLD."activeCredentials" IS DISTINCT FROM NEW."activeCredentials")
  EXECUTE FUNCTION posture_mark_identity_row();

-- Scopes, credentials (an identity's own, and the one it is linked to by another's credential), reviews and
-- break-glass: inserts and deletes set-based, updates per row.
CREATE FUNCTION posture_mark_scopes_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "PostureDirty" ("identityId") SELECT DISTINCT "identityId" FROM posture_old ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO "PostureDirty" ("identityId") SELECT DISTINCT "identityId" FROM posture_new ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER entitlement_posture_insert AFTER INSERT ON "Entitlement"
  REFERENCING NEW TABLE AS posture_new FOR EACH STATEMENT EXECUTE FUNCTION posture_mark_scopes_changed();
CREATE TRIGGER entitlement_posture_delete AFTER DELETE ON "Entitlement"
  REFERENCING OLD TABLE AS posture_old FOR EACH STATEMENT EXECUTE FUNCTION posture_mark_scopes_changed();
CREATE FUNCTION posture_mark_scope_row() RETURNS trigger AS $$
BEGIN
  PERFORM posture_mark(ARRAY[OLD."identityId", NEW."identityId"]);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER entitlement_posture_update AFTER UPDATE ON "Entitlement"
  FOR EACH ROW WHEN (OLD."level" IS DISTINCT FROM NEW."level" OR OLD."environment" IS DISTINCT FROM NEW."environment"
    OR OLD."resource" IS DISTINCT FROM NEW."resource" OR OLD."action" IS DISTINCT FROM NEW."action"
    OR OLD."identityId" IS DISTINCT FROM NEW."identityId")
  EXECUTE FUNCTION posture_mark_scope_row();

CREATE FUNCTION posture_mark_credentials_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "PostureDirty" ("identityId")
    SELECT DISTINCT x FROM posture_old, LATERAL (VALUES ("identityId"), ("linkedIdentityId")) AS v(x) WHERE x IS NOT NULL
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO "PostureDirty" ("identityId")
    SELECT DISTINCT x FROM posture_new, LATERAL (VALUES ("identityId"), ("linkedIdentityId")) AS v(x) WHERE x IS NOT NULL
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER credential_posture_insert AFTER INSERT ON "Credential"
  REFERENCING NEW TABLE AS posture_new FOR EACH STATEMENT EXECUTE FUNCTION posture_mark_credentials_changed();
CREATE TRIGGER credential_posture_delete AFTER DELETE ON "Credential"
  REFERENCING OLD TABLE AS posture_old FOR EACH STATEMENT EXECUTE FUNCTION posture_mark_credentials_changed();
CREATE FUNCTION posture_mark_credential_row() RETURNS trigger AS $$
BEGIN
  PERFORM posture_mark(ARRAY[OLD."identityId", NEW."identityId", OLD."linkedIdentityId", NEW."linkedIdentityId"]);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER credential_posture_update AFTER UPDATE ON "Credential"
  FOR EACH ROW WHEN (OLD."linkedIdentityId" IS DISTINCT FROM NEW."linkedIdentityId" OR OLD."status" IS DISTINCT FROM NEW."status"
    OR OLD."type" IS DISTINCT FROM NEW."type" OR OLD."issuedAt" IS DISTINCT FROM NEW."issuedAt"
    OR OLD."rotatedAt" IS DISTINCT FROM NEW."rotatedAt" OR OLD."expiresAt" IS DISTINCT FROM NEW."expiresAt")
  EXECUTE FUNCTION posture_mark_credential_row();

-- A person's status (an owner leaves, comes back): every identity they own or back up.
CREATE FUNCTION posture_mark_people_row() RETURNS trigger AS $$
BEGIN
  INSERT INTO "PostureDirty" ("identityId")
  SELECT id FROM "Identity" WHERE "ownerId" = NEW.id OR "backupOwnerId" = NEW.id
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER user_posture_update AFTER UPDATE ON "User"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION posture_mark_people_row();

CREATE FUNCTION posture_mark_identity_of_row() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM posture_mark(ARRAY[OLD."identityId"]);
  ELSE
    PERFORM posture_mark(ARRAY[NEW."identityId"]);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER review_item_posture AFTER UPDATE ON "ReviewItem"
  FOR EACH ROW WHEN (OLD."decidedAt" IS DISTINCT FROM NEW."decidedAt") EXECUTE FUNCTION posture_mark_identity_of_row();
CREATE TRIGGER breakglass_posture AFTER INSERT OR UPDATE ON "BreakGlassRequest"
  FOR EACH ROW EXECUTE FUNCTION posture_mark_identity_of_row();
CREATE TRIGGER after_action_posture AFTER INSERT OR UPDATE ON "AfterActionReview"
  FOR EACH ROW EXECUTE FUNCTION posture_mark_identity_of_row();
