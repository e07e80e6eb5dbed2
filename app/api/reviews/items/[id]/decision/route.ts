import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { decideItem } from "@/lib/domain/reviews/items/decide-item";

/** POST: the reviewer's decision on the item (a person signed in: every API token is refused). */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) =>
  decideItem({ actor, db, clock, input: await jsonInput(request, { id: params.id }) }),
);
