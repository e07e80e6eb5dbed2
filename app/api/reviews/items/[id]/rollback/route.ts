import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { rollbackItem } from "@/lib/domain/reviews/remediation/rollback-item";

/** POST {"reason"}: an admin, in person, undoes what the review applied to the item's identity (review.rollback). */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) =>
  rollbackItem({ actor, db, clock, input: await jsonInput(request, { itemId: params.id }) }),
);
