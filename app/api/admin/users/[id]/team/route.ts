import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { setUserTeam } from "@/lib/domain/users/set-user-team";

/** POST {"team": "payments" | null}: puts the user in a team, or in none. */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) =>
  setUserTeam({ actor, db, clock, input: await jsonInput(request, { userId: params.id }) }),
);
