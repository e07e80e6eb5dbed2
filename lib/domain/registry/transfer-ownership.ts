import { z } from "zod";
import { guardedIdentityChange } from "./guarded-identity-change";
import { DomainError } from "../shared/errors";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { WITH_PEOPLE, toIdentitySummary, type IdentitySummaryDto } from "./identity-dto";
import { assertActiveUsers } from "./load-identity-target";

const schema = z.object({
  id: z.uuid("id must be an identity id"),
  ownerId: z.uuid("ownerId must be a user"),
  backupOwnerId: z.preprocess((v) => (v === "" ? null : v), z.uuid("backupOwnerId must be a user").nullable().optional()),
});

/** Hands an identity to a new owner (and backup owner). Its current owner or an admin may do it. */
export async function transferOwnership({ actor, db, clock, input }: UseCaseArgs): Promise<IdentitySummaryDto> {
  const { id, ownerId, backupOwnerId } = validate(schema, input);
  if (ownerId === backupOwnerId)
    throw new DomainError("VALIDATION", "The backup owner must be someone other than the owner.", {
      backupOwnerId: ["must differ from the owner"],
    });
  return guardedIdentityChange({ actor, db, clock }, "identity.transfer", id, async (tx, identity) => {
    await assertActiveUsers(tx, { ownerId, backupOwnerId });
    const updated = await tx.identity.update({
      where: { id },
      data: { ownerId, ...(backupOwnerId !== undefined ? { backupOwnerId } : {}), version: { increment: 1 } },
      include: WITH_PEOPLE,
    });
    return {
      result: toIdentitySummary(updated),
      event: {
        actor,
        action: "identity.transfer",
        target: { type: "identity", id, label: identity.name },
        outcome: "allowed",
        before: { ownerId: identity.ownerId, backupOwnerId: identity.backupOwnerId },
        after: { ownerId: updated.ownerId, backupOwnerId: updated.backupOwnerId },
      },
    };
  });
}
