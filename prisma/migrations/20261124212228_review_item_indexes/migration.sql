-- DropIndex
DROP INDEX "ReviewItem_remediationStatus_observeUntil_idx";

-- CreateIndex
CREATE INDEX "ReviewItem_remediationStatus_appliedAt_id_idx" ON "ReviewItem"("remediationStatus", "appliedAt", "id");

-- CreateIndex
CREATE INDEX "ReviewItem_runId_name_id_idx" ON "ReviewItem"("runId", "name", "id");


-- Staged decommissions waiting for their observation window (reviews.observe): few rows among every item ever
-- reviewed, found without reading the others.
CREATE INDEX "ReviewItem_decommission_pending_idx" ON "ReviewItem" ("observeUntil", id) WHERE outcome = 'decommission_pending';
