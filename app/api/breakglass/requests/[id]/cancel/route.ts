import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { cancelRequest } from "@/lib/domain/breakglass/cancel-request";

/** POST: the requester withdraws a pending request or ends an active one early. */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) =>
  cancelRequest({ actor, db, clock, input: await jsonInput(request, { id: params.id }) }),
);
