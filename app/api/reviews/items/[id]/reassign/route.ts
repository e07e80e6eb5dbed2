import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { reassignItem } from "@/lib/domain/reviews/items/reassign-item";

/** POST: hands the item to another reviewer (its reviewer or an admin; never moves a date). */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) =>
  reassignItem({ actor, db, clock, input: await jsonInput(request, { id: params.id }) }),
);
