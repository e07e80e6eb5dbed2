import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { bulkDecide } from "@/lib/domain/reviews/items/bulk-decide";

/** POST: one decision and one reason for up to 1,000 items; each is judged on its own, refusals reported. */
export const POST = apiRoute(async ({ actor, db, clock, request }) => bulkDecide({ actor, db, clock, input: await jsonInput(request) }));
