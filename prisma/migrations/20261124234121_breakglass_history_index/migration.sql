-- CreateIndex
CREATE INDEX "BreakGlassRequest_requestedAt_id_idx" ON "BreakGlassRequest"("requestedAt", "id");

