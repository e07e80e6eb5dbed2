import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { killSwitch } from "@/lib/domain/breakglass/kill-switch";

/** POST: revoke every elevation of the identity and suspend it, in one audited step (approvers and admins, in person). */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) =>
  killSwitch({ actor, db, clock, input: await jsonInput(request, { id: params.id }) }),
);
