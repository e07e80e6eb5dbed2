import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { denyRequest } from "@/lib/domain/breakglass/deny-request";

/** POST: an approver's denial, with the reason (in person). */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) =>
  denyRequest({ actor, db, clock, input: await jsonInput(request, { id: params.id }) }),
);
