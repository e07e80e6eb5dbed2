import { z } from "zod";
import type { AuditEventInput } from "../audit/append-audit-event";
import { appendAuditEvents } from "../audit/append-audit-event";
import { enforce } from "../authz/enforce";
import { DomainError } from "../shared/errors";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { assertActiveUsers } from "./load-identity-target";

const schema = z.object({
  fromUserId: z.uuid("fromUserId must be a user"),
  toUserId: z.uuid("toUserId must be a user"),
  dryRun: z.boolean().default(false),
});

export type BulkTransferResult = { owner: number; backupOwner: number; dryRun: boolean };

/**
 * Moves everything a departed owner held to someone else, in one transaction: identities they owned get the
 * new owner, those they backed up get the new backup owner (unless that person already owns them). Each
 * identity gets its own audit event, so its history shows the transfer. A dry run only counts.
 */
export async function transferOwnedIdentities({ actor, db, clock, input }: UseCaseArgs): Promise<BulkTransferResult> {
  await enforce(db, clock, actor, "identity.bulkTransfer", { type: "registry" });
  const { fromUserId, toUserId, dryRun } = validate(schema, input);
  if (fromUserId === toUserId)
    throw new DomainError("VALIDATION", "Choose two different people.", { toUserId: ["must differ from the previous owner"] });
  return db.$transaction(async (tx) => {
    await assertActiveUsers(tx, { toUserId });
    const from = await tx.user.findUnique({ where: { id: fromUserId }, select: { email: true } });
    if (!from) throw new DomainError("VALIDATION", "The previous owner does not exist.", { fromUserId: ["unknown user"] });
    const owned = await tx.identity.findMany({ where: { ownerId: fromUserId }, select: { id: true, name: true, backupOwnerId: true } });
    const backedUp = await tx.identity.findMany({
      where: { backupOwnerId: fromUserId, NOT: { ownerId: toUserId } },
      select: { id: true, name: true, ownerId: true },
    });
    if (dryRun) return { owner: owned.length, backupOwner: backedUp.length, dryRun };
    // Set-based writes: two statements whatever the number of identities.
    await tx.identity.updateMany({ where: { ownerId: fromUserId }, data: { ownerId: toUserId, version: { increment: 1 } } });
    // Nobody backs up their own identity: where the new owner was, or would become, the backup, clear it.
    await tx.identity.updateMany({
      where: { ownerId: toUserId, backupOwnerId: { in: [fromUserId, toUserId] } },
      data: { backupOwnerId: null },
    });
    await tx.identity.updateMany({ where: { backupOwnerId: fromUserId }, data: { backupOwnerId: toUserId, version: { increment: 1 } } });
    const event = (id: string, name: string, field: "ownerId" | "backupOwnerId"): AuditEventInput => ({
      actor,
      action: "identity.transfer",
      target: { type: "identity", id, label: name },
      outcome: "allowed",
      reason: `bulk transfer from ${from.email}`,
      before: { [field]: fromUserId },
      after: { [field]: toUserId },
    });
    await appendAuditEvents(
      tx,
      [...owned.map((i) => event(i.id, i.name, "ownerId")), ...backedUp.map((i) => event(i.id, i.name, "backupOwnerId"))],
      clock,
    );
    return { owner: owned.length, backupOwner: backedUp.length, dryRun };
  });
}
