import { apiRoute, jsonBody } from "@/lib/auth/api-route";
import { DomainError } from "@/lib/domain/shared/errors";
import { deactivateUser, reactivateUser } from "@/lib/domain/users/set-user-status";

/** POST {"status": "active" | "deactivated"}. */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) => {
  const { status } = await jsonBody(request);
  const args = { actor, db, clock, input: { userId: params.id } };
  if (status === "deactivated") return deactivateUser(args);
  if (status === "active") return reactivateUser(args);
  throw new DomainError("VALIDATION", "status must be active or deactivated", { status: ["must be active or deactivated"] });
});
