import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { revokeRequest } from "@/lib/domain/breakglass/revoke-request";

/** POST: an approver or admin ends an elevation now, with the reason. */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) =>
  revokeRequest({ actor, db, clock, input: await jsonInput(request, { id: params.id }) }),
);
