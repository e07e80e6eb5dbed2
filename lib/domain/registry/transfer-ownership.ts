import { z } from "zod";
import { WITH_PEOPLE, toIdentitySummary } from "./identity-dto";
import { defineIdentityMutation } from "./identity-mutation";
import { assertEligibleOwners } from "./owner-eligibility";

export const transferOwnershipSchema = z
  .object({
    id: z.uuid("id must be an identity id"),
    ownerId: z.uuid("ownerId must be a user"),
    backupOwnerId: z.preprocess((v) => (v === "" ? null : v), z.uuid("backupOwnerId must be a user").nullable().optional()),
  })
  .refine((v) => v.ownerId !== v.backupOwnerId, {
    path: ["backupOwnerId"],
    message: "the backup owner must be someone other than the owner",
  });

/** Hands an identity to a new owner (and backup owner). Its owner or an admin may; a backup owner may not (policy). */
export const transferOwnership = defineIdentityMutation({
  action: "identity.transfer",
  input: transferOwnershipSchema,
  identityId: (input) => input.id,
  async change({ tx, identity, input: { id, ownerId, backupOwnerId } }) {
    await assertEligibleOwners(tx, { ownerId, backupOwnerId });
    const updated = await tx.identity.update({
      where: { id },
      // Nobody backs up their own identity: a new owner who was the backup stops being it.
      data: {
        ownerId,
        backupOwnerId: backupOwnerId !== undefined ? backupOwnerId : identity.backupOwnerId === ownerId ? null : identity.backupOwnerId,
        // A person chose the owners: a later import leaves them alone.
        pinnedFields: [...new Set([...identity.pinnedFields, "ownerId", "backupOwnerId"])].sort(),
        version: { increment: 1 },
      },
      include: WITH_PEOPLE,
    });
    return {
      result: toIdentitySummary(updated),
      events: {
        before: { ownerId: identity.ownerId, backupOwnerId: identity.backupOwnerId },
        after: { ownerId: updated.ownerId, backupOwnerId: updated.backupOwnerId },
      },
    };
  },
});
