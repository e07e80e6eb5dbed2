import { z } from "zod";
import { guardedIdentityChange } from "./guarded-identity-change";
import { DomainError } from "../shared/errors";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { type EntitlementDto, toEntitlementDto } from "./identity-dto";
import { entitlementSchema } from "./identity-input";

const schema = z.object({ identityId: z.uuid("identityId must be an identity id") }).and(entitlementSchema);

/** Grants a scope: what the identity may do on a resource, at which level, optionally in one environment. */
export async function addEntitlement({ actor, db, clock, input }: UseCaseArgs): Promise<EntitlementDto> {
  const { identityId, ...grant } = validate(schema, input);
  return guardedIdentityChange({ actor, db, clock }, "identity.entitlements", identityId, async (tx, identity) => {
    const environment = grant.environment ?? null;
    const existing = await tx.entitlement.findFirst({ where: { identityId, resource: grant.resource, action: grant.action, environment } });
    if (existing)
      throw new DomainError(
        "CONFLICT",
        `"${identity.name}" already has ${grant.action} on ${grant.resource}${environment ? ` in ${environment}` : ""}; change its level instead.`,
      );
    const created = await tx.entitlement.create({ data: { identityId, ...grant, environment } });
    await tx.identity.update({ where: { id: identityId }, data: { version: { increment: 1 } } });
    return {
      result: toEntitlementDto(created),
      event: {
        actor,
        action: "identity.entitlements",
        target: { type: "identity", id: identityId, label: identity.name },
        outcome: "allowed",
        reason: "scope added",
        after: toEntitlementDto(created),
      },
    };
  });
}
