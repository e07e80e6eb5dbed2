import { apiRoute, jsonBody } from "@/lib/auth/api-route";
import { setUserRoles } from "@/lib/domain/users/set-user-roles";

/** POST {"roles": ["admin", ...], "expectedRoles"?: [...]}: replaces the user's roles. */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) => {
  const body = await jsonBody(request);
  return setUserRoles({ actor, db, clock, input: { ...body, userId: params.id } });
});
