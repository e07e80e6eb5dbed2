import type { BreakGlassRequest } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/types";
import type { DomainEvent } from "../notifications/event-types";
import type { ElevatedScope } from "./request-input";
import type { PolicySnapshot } from "./request-policy";

const HOUR = 3_600_000;
/** An after-action review is due this long after an emergency activation (or after the end of a required one). */
export const AFTER_ACTION_DUE_MS = 24 * HOUR;

type GrantIdentity = { id: string; name: string; platform: string; externalId: string | null };

/** The data of grant.* events: what provisioning automation needs to add or remove the scope. */
export function grantData(
  request: Pick<BreakGlassRequest, "id" | "identityId" | "activeFrom" | "expiresAt" | "scopes">,
  identity: GrantIdentity,
) {
  return {
    requestId: request.id,
    identityId: request.identityId,
    platform: identity.platform,
    externalId: identity.externalId,
    scopes: request.scopes as ElevatedScope[],
    activeFrom: request.activeFrom?.toISOString() ?? null,
    expiresAt: request.expiresAt?.toISOString() ?? null,
  };
}

export function grantEvent(
  type: "grant.activated" | "grant.revoked",
  request: Pick<BreakGlassRequest, "id" | "identityId" | "activeFrom" | "expiresAt" | "scopes" | "requesterId">,
  identity: GrantIdentity,
): DomainEvent {
  const verb = type === "grant.activated" ? "active" : "revoked";
  return {
    type,
    recipients: [request.requesterId],
    title: `Break-glass elevation of ${identity.name} ${verb}`,
    body:
      type === "grant.activated"
        ? `The elevation is active until ${request.expiresAt?.toISOString() ?? "its end"}.`
        : "The elevation was ended before its time.",
    link: `/break-glass/${request.id}`,
    dedupeKey: `breakglass:${request.id}:${type}`,
    data: grantData(request, identity),
  };
}

/** An after-action review for an elevation the policy (or the emergency path) requires one of. */
export async function createAfterAction(tx: Tx, request: Pick<BreakGlassRequest, "id" | "identityId">, dueAt: Date): Promise<void> {
  await tx.afterActionReview.create({ data: { requestId: request.id, identityId: request.identityId, dueAt } });
}

export const needsAfterAction = (policy: PolicySnapshot, emergency: boolean) => emergency || policy.afterActionRequired;
