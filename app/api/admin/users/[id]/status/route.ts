import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { setUserStatus } from "@/lib/domain/users/set-user-status";

/** POST {"status": "active" | "deactivated"}. */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) =>
  setUserStatus({ actor, db, clock, input: await jsonInput(request, { userId: params.id }) }),
);
