import { apiRoute } from "@/lib/auth/api-route";
import { runProgress } from "@/lib/domain/reviews/progress/run-progress";

/** GET: where a run stands: counts by decision, outcome, remediation status and reviewer (overdue ones flagged). */
export const GET = apiRoute<{ id: string }>(async ({ actor, db, clock, params }) =>
  runProgress({ actor, db, clock, input: { runId: params.id } }),
);
