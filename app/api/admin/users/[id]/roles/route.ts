import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { setUserRoles } from "@/lib/domain/users/set-user-roles";

/** POST {"roles": ["admin", ...], "expectedRoles"?: [...]}: replaces the user's roles. */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) =>
  setUserRoles({ actor, db, clock, input: await jsonInput(request, { userId: params.id }) }),
);
