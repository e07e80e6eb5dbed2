import { z } from "zod";
import { defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { assertActiveUsers } from "./load-identity-target";

export const bulkTransferSchema = z
  .object({
    fromUserId: z.uuid("fromUserId must be a user"),
    toUserId: z.uuid("toUserId must be a user"),
    dryRun: z.boolean({ error: "dryRun must be true or false" }).default(false),
  })
  .refine((v) => v.fromUserId !== v.toUserId, { path: ["toUserId"], message: "choose two different people" });

export type BulkTransferResult = { owner: number; backupOwner: number; dryRun: boolean };

/**
 * Moves everything a departed owner held to someone else, in one transaction: identities they owned get the
 * new owner, those they backed up get the new backup owner (unless that person already owns them). Each
 * identity gets its own audit event, so its history shows the transfer. A dry run only counts.
 */
export const transferOwnedIdentities = defineMutation({
  action: "identity.bulkTransfer",
  input: bulkTransferSchema,
  lockKey: (input) => `bulk-transfer:${input.fromUserId}`,
  load: async () => ({ type: "registry" as const }),
  async change({ tx, input: { fromUserId, toUserId, dryRun } }) {
    await assertActiveUsers(tx, { toUserId });
    const from = await tx.user.findUnique({ where: { id: fromUserId }, select: { email: true } });
    if (!from) throw new DomainError("VALIDATION", "The previous owner does not exist.", { fromUserId: ["unknown user"] });
    const owned = await tx.identity.findMany({ where: { ownerId: fromUserId }, select: { id: true, name: true } });
    const backedUp = await tx.identity.findMany({
      where: { backupOwnerId: fromUserId, NOT: { ownerId: toUserId } },
      select: { id: true, name: true },
    });
    const result: BulkTransferResult = { owner: owned.length, backupOwner: backedUp.length, dryRun };
    if (dryRun) return { result, events: [] };
    // Set-based writes: three statements whatever the number of identities.
    await tx.identity.updateMany({ where: { ownerId: fromUserId }, data: { ownerId: toUserId, version: { increment: 1 } } });
    // Nobody backs up their own identity: where the new owner was, or would become, the backup, clear it.
    await tx.identity.updateMany({
      where: { ownerId: toUserId, backupOwnerId: { in: [fromUserId, toUserId] } },
      data: { backupOwnerId: null },
    });
    await tx.identity.updateMany({ where: { backupOwnerId: fromUserId }, data: { backupOwnerId: toUserId, version: { increment: 1 } } });
    const event = (id: string, name: string, field: "ownerId" | "backupOwnerId") => ({
      action: "identity.transfer",
      target: { type: "identity", id, label: name },
      reason: `bulk transfer from ${from.email}`,
      before: { [field]: fromUserId },
      after: { [field]: toUserId },
    });
    return {
      result,
      events: [...owned.map((i) => event(i.id, i.name, "ownerId")), ...backedUp.map((i) => event(i.id, i.name, "backupOwnerId"))],
    };
  },
});
