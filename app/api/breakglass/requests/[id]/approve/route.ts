import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { approveRequest } from "@/lib/domain/breakglass/approve-request";

/** POST: an approver's approval (in person; tokens are refused). */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) =>
  approveRequest({ actor, db, clock, input: await jsonInput(request, { id: params.id }) }),
);
