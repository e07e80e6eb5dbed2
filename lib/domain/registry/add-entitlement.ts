import { z } from "zod";
import { reviewPrivilegedGrant } from "../reviews/events/trigger-review";
import { DomainError } from "../shared/errors";
import { toEntitlementDto } from "./identity-dto";
import { entitlementSchema } from "./identity-input";
import { defineIdentityMutation } from "./identity-mutation";

export const addScopeSchema = z.object({ identityId: z.uuid("identityId must be an identity id") }).and(entitlementSchema);

/** Grants a scope: what the identity may do on a resource, at which level, optionally in one environment. */
export const addEntitlement = defineIdentityMutation({
  action: "identity.scopes",
  input: addScopeSchema,
  identityId: (input) => input.identityId,
  subjectField: "identityId",
  async change({ tx, identity, input: { identityId, ...grant }, now }) {
    const environment = grant.environment ?? null;
    const existing = await tx.entitlement.findFirst({ where: { identityId, resource: grant.resource, action: grant.action, environment } });
    if (existing)
      throw new DomainError(
        "CONFLICT",
        `"${identity.name}" already has ${grant.action} on ${grant.resource}${environment ? ` in ${environment}` : ""}; change its level instead.`,
      );
    const created = await tx.entitlement.create({ data: { identityId, ...grant, environment } });
    await tx.identity.update({ where: { id: identityId }, data: { version: { increment: 1 } } });
    // An admin or write scope in production starts the campaigns with the privileged_scope_added trigger.
    const reviews = await reviewPrivilegedGrant(
      tx,
      { now: () => now },
      {
        identityId,
        entitlementId: created.id,
        resource: created.resource,
        level: created.level,
        environment,
        identityEnvironment: identity.environment,
      },
    );
    return { result: toEntitlementDto(created), events: [{ reason: "scope added", after: toEntitlementDto(created) }, ...reviews] };
  },
});
