import type { IdentityTarget } from "../authz/policy";
import { guardedChange } from "../authz/guarded-change";
import { DomainError } from "../shared/errors";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { identityAuditView, WITH_PEOPLE, toIdentitySummary, type IdentitySummaryDto } from "./identity-dto";
import { createIdentitySchema } from "./identity-input";
import { assertActiveUsers } from "./load-identity-target";

/** Registers an identity with its named owner. Owners may only create identities they own or back up. */
export async function createIdentity({ actor, db, clock, input }: UseCaseArgs): Promise<IdentitySummaryDto> {
  const fields = validate(createIdentitySchema, input);
  const target: IdentityTarget = {
    type: "identity",
    id: null,
    label: fields.name,
    ownerId: fields.ownerId ?? null,
    backupOwnerId: fields.backupOwnerId ?? null,
  };
  return guardedChange({
    db,
    clock,
    actor,
    action: "identity.create",
    subject: { type: "identity", label: fields.name },
    load: async () => target,
    async change(tx) {
      await assertActiveUsers(tx, { ownerId: fields.ownerId, backupOwnerId: fields.backupOwnerId });
      const clash = await tx.identity.findUnique({
        where: { platform_externalId: { platform: fields.platform, externalId: fields.externalId } },
        select: { name: true },
      });
      if (clash) {
        throw new DomainError(
          "CONFLICT",
          `${fields.platform} already has an identity with external id ${fields.externalId} ("${clash.name}").`,
          {
            externalId: ["already registered on this platform"],
          },
        );
      }
      const created = await tx.identity.create({ data: fields, include: WITH_PEOPLE });
      return {
        result: toIdentitySummary(created),
        event: {
          actor,
          action: "identity.create",
          target: { type: "identity", id: created.id, label: created.name },
          outcome: "allowed",
          after: identityAuditView(created),
        },
      };
    },
  });
}
