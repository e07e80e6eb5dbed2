import { z } from "zod";
import { guardedIdentityChange } from "./guarded-identity-change";
import { DomainError } from "../shared/errors";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { type EntitlementDto, toEntitlementDto } from "./identity-dto";
import { LEVELS } from "./vocabulary";

const schema = z.object({
  entitlementId: z.uuid("entitlementId must be a scope id"),
  /** A level changes the grant; no level removes it. */
  level: z.enum(LEVELS, { error: `level must be one of ${LEVELS.join(", ")}` }).nullable(),
});

/** Changes a scope's level, or removes the scope (level null). */
export async function changeEntitlement({ actor, db, clock, input }: UseCaseArgs): Promise<EntitlementDto | null> {
  const { entitlementId, level } = validate(schema, input);
  const owner = await db.entitlement.findUnique({ where: { id: entitlementId }, select: { identityId: true } });
  if (!owner) throw new DomainError("NOT_FOUND", "That scope no longer exists. Reload the page.");
  return guardedIdentityChange({ actor, db, clock }, "identity.entitlements", owner.identityId, async (tx, identity) => {
    const before = await tx.entitlement.findUnique({ where: { id: entitlementId } });
    if (!before) throw new DomainError("NOT_FOUND", "That scope no longer exists. Reload the page.");
    const after = level ? await tx.entitlement.update({ where: { id: entitlementId }, data: { level } }) : null;
    if (!after) await tx.entitlement.delete({ where: { id: entitlementId } });
    await tx.identity.update({ where: { id: identity.id }, data: { version: { increment: 1 } } });
    return {
      result: after && toEntitlementDto(after),
      event: {
        actor,
        action: "identity.entitlements",
        target: { type: "identity", id: identity.id, label: identity.name },
        outcome: "allowed",
        reason: after ? "scope level changed" : "scope removed",
        before: toEntitlementDto(before),
        after: after && toEntitlementDto(after),
      },
    };
  });
}
