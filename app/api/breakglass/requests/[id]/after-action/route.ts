import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { fileAfterActionReview } from "@/lib/domain/breakglass/after-action";

/** POST {"whatWasDone", "verdict": "justified" | "not_justified" | "misuse", "rotationRequired"}: files the request's after-action review. */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) =>
  fileAfterActionReview({ actor, db, clock, input: await jsonInput(request, { requestId: params.id }) }),
);
