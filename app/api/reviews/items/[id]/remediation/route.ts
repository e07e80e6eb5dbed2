import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { updateRemediation } from "@/lib/domain/reviews/remediation/update-remediation";

/** POST {"status": "open" | "done" | "failed" | "not_needed", "note"?}: what the holding system did with the item's change. */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) =>
  updateRemediation({ actor, db, clock, input: await jsonInput(request, { itemId: params.id }) }),
);
