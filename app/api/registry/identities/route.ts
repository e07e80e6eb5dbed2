import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import { listIdentities } from "@/lib/domain/registry/list-identities";

/** GET: one page of the registry (same query parameters as the page). POST: register an identity. */
export const GET = apiRoute(async ({ actor, db, clock, request }) =>
  listIdentities({ actor, db, clock, input: Object.fromEntries(new URL(request.url).searchParams) }),
);

export const POST = apiRoute(async ({ actor, db, clock, request }) =>
  createIdentity({ actor, db, clock, input: await jsonInput(request) }),
);
