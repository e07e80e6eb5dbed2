import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { listRequests } from "@/lib/domain/breakglass/list-requests";
import { requestElevation } from "@/lib/domain/breakglass/request-elevation";

/** GET: break-glass requests (view mine, queue, active or all; filters status, identity, environment, emergency, after-action review, dates; paged). */
export const GET = apiRoute(async ({ actor, db, clock, request }) =>
  listRequests({ actor, db, clock, input: Object.fromEntries(new URL(request.url).searchParams) }),
);

/** POST: ask for a time-bound elevation of an identity (people, or a token scoped breakglass.request). */
export const POST = apiRoute(async ({ actor, db, clock, request }) =>
  requestElevation({ actor, db, clock, input: await jsonInput(request) }),
);
