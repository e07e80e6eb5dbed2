import { apiRoute } from "@/lib/auth/api-route";
import { revokeToken } from "@/lib/domain/tokens/revoke-token";

/** DELETE: revokes the token at once (its owner or an admin); a service token's registry entry is decommissioned. */
export const DELETE = apiRoute<{ id: string }>(async ({ actor, db, clock, params }) =>
  revokeToken({ actor, db, clock, input: { id: params.id } }),
);
