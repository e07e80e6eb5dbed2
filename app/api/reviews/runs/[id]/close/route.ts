import { apiRoute } from "@/lib/auth/api-route";
import { closeRun } from "@/lib/domain/reviews/close/close-run";

/**
 * POST (no body): ends the run's current stage, as the admins' Close button does: the second stage starts, or
 * the outcomes are applied to the registry and the run is closed (read-only). People only (review.close).
 */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, params }) =>
  closeRun({ actor, db, clock, input: { runId: params.id } }),
);
