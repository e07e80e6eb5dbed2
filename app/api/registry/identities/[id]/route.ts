import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { getIdentity } from "@/lib/domain/registry/get-identity";
import { updateIdentity } from "@/lib/domain/registry/update-identity";

/** GET: the identity with scopes and history. PUT: edit it (send expectedVersion). */
export const GET = apiRoute<{ id: string }>(async ({ actor, db, clock, params }) =>
  getIdentity({ actor, db, clock, input: { id: params.id } }),
);

export const PUT = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) =>
  updateIdentity({ actor, db, clock, input: await jsonInput(request, { id: params.id }) }),
);
