import { z } from "zod";
import type { Identity } from "@/lib/db/generated/client";
import type { IdentityTarget } from "../authz/policy";
import { reviewPrivilegedGrant } from "../reviews/events/trigger-review";
import { defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { toEntitlementDto } from "./identity-dto";
import { loadIdentityTarget } from "./load-identity-target";
import { type Level, LEVELS } from "./vocabulary";

export const changeScopeSchema = z.object({
  entitlementId: z.uuid("entitlementId must be a scope id"),
  /** A level changes the grant; no level removes it. */
  level: z.enum(LEVELS, { error: `level must be one of ${LEVELS.join(", ")}` }).nullable(),
});

const gone = () => new DomainError("NOT_FOUND", "That scope no longer exists. Reload the page.");

/**
 * Changes a scope's level, or removes the scope (level null). The scope names its identity, so the load
 * finds the identity first and then takes the identity's lock too: scope changes and identity edits queue.
 */
export const changeEntitlement = defineMutation({
  action: "identity.scopes",
  input: changeScopeSchema,
  lockKey: (input) => `scope:${input.entitlementId}`,
  async load(tx, { entitlementId }): Promise<IdentityTarget & { identity: Identity }> {
    const scope = await tx.entitlement.findUnique({ where: { id: entitlementId }, select: { identityId: true } });
    if (!scope) throw gone();
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`identity:${scope.identityId}`}, 0))`;
    return loadIdentityTarget(tx, scope.identityId);
  },
  async change({ tx, clock, input: { entitlementId, level }, target: { identity } }) {
    const before = await tx.entitlement.findUnique({ where: { id: entitlementId } });
    if (!before) throw gone();
    const after = level ? await tx.entitlement.update({ where: { id: entitlementId }, data: { level } }) : null;
    if (!after) await tx.entitlement.delete({ where: { id: entitlementId } });
    await tx.identity.update({ where: { id: identity.id }, data: { version: { increment: 1 } } });
    // Raised to admin or write in production: the campaigns with the privileged_scope_added trigger review it.
    const raised = after && LEVELS.indexOf(after.level as Level) > LEVELS.indexOf(before.level as Level);
    const reviews = raised
      ? await reviewPrivilegedGrant(tx, clock, {
          identityId: identity.id,
          entitlementId,
          resource: after.resource,
          level: after.level,
          environment: after.environment,
          identityEnvironment: identity.environment,
        })
      : [];
    return {
      result: after && toEntitlementDto(after),
      events: [
        {
          reason: after ? "scope level changed" : "scope removed",
          before: toEntitlementDto(before),
          after: after && toEntitlementDto(after),
        },
        ...reviews,
      ],
    };
  },
});
