import { z } from "zod";
import type { Tx } from "@/lib/db/types";
import { type EventDraft, defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { assertEligibleOwners } from "./owner-eligibility";

export const bulkTransferSchema = z
  .object({
    fromUserId: z.uuid("fromUserId must be a user"),
    toUserId: z.uuid("toUserId must be a user"),
    dryRun: z.boolean({ error: "dryRun must be true or false" }).default(false),
  })
  .refine((v) => v.fromUserId !== v.toUserId, { path: ["toUserId"], message: "choose two different people" });

/** One identity that moves: as its owner or as its backup owner. */
export type MovingIdentity = { id: string; name: string; as: "owner" | "backupOwner" };

export type BulkTransferResult = {
  owner: number;
  backupOwner: number;
  dryRun: boolean;
  /** The first identities that move (owned, then backed up, by name; PREVIEW_ROWS of each), for the person to check. */
  identities: MovingIdentity[];
};

/** How many identities of each kind (owned, backed up) a preview names; the counts cover them all. */
export const PREVIEW_ROWS = 10;

/** What `fromUserId` holds that would move to `toUserId`: counts, and the first few by name. */
export async function holdingsToMove(tx: Tx, fromUserId: string, toUserId: string) {
  const ownedWhere = { ownerId: fromUserId };
  // What the new owner already owns needs no backup owner: those are not moved, but cleared.
  const backedUpWhere = { backupOwnerId: fromUserId, NOT: { ownerId: toUserId } };
  const select = { id: true, name: true } as const;
  const [owner, backupOwner, owned, backedUp] = await Promise.all([
    tx.identity.count({ where: ownedWhere }),
    tx.identity.count({ where: backedUpWhere }),
    tx.identity.findMany({ where: ownedWhere, select, orderBy: [{ name: "asc" }, { id: "asc" }], take: PREVIEW_ROWS }),
    tx.identity.findMany({ where: backedUpWhere, select, orderBy: [{ name: "asc" }, { id: "asc" }], take: PREVIEW_ROWS }),
  ]);
  const identities: MovingIdentity[] = [
    ...owned.map((i) => ({ ...i, as: "owner" as const })),
    ...backedUp.map((i) => ({ ...i, as: "backupOwner" as const })),
  ];
  return { owner, backupOwner, identities };
}

/**
 * Moves everything `fromUserId` owns to `toUserId` and what they back up to `toUserId` as backup owner, in
 * the caller's transaction: three set-based statements whatever the number of identities, and one audit
 * event per identity (returned, for the caller's mutation to append). Also used by a deactivation that
 * hands the person's identities on in the same step.
 */
export async function moveHoldings(
  tx: Tx,
  fromUserId: string,
  toUserId: string,
  reason: string,
): Promise<{ owner: number; backupOwner: number; events: EventDraft[] }> {
  // Returned ids are what really moved (the same transaction, under the mutation's lock).
  const owned = await tx.$queryRaw<{ id: string; name: string }[]>`
    UPDATE "Identity" SET "ownerId" = ${toUserId}::uuid,
      "pinnedFields" = ARRAY(SELECT DISTINCT f FROM unnest("pinnedFields" || ARRAY['ownerId']) AS f ORDER BY f), version = version + 1, "updatedAt" = now()
    WHERE "ownerId" = ${fromUserId}::uuid RETURNING id::text, name`;
  // Nobody backs up their own identity: where the new owner was, or would become, the backup, clear it.
  await tx.$executeRaw`
    UPDATE "Identity" SET "backupOwnerId" = NULL
    WHERE "ownerId" = ${toUserId}::uuid AND "backupOwnerId" IN (${fromUserId}::uuid, ${toUserId}::uuid)`;
  const backedUp = await tx.$queryRaw<{ id: string; name: string }[]>`
    UPDATE "Identity" SET "backupOwnerId" = ${toUserId}::uuid,
      "pinnedFields" = ARRAY(SELECT DISTINCT f FROM unnest("pinnedFields" || ARRAY['backupOwnerId']) AS f ORDER BY f), version = version + 1, "updatedAt" = now()
    WHERE "backupOwnerId" = ${fromUserId}::uuid RETURNING id::text, name`;
  const event = (id: string, name: string, field: "ownerId" | "backupOwnerId"): EventDraft => ({
    action: "identity.transfer",
    target: { type: "identity", id, label: name },
    reason,
    before: { [field]: fromUserId },
    after: { [field]: toUserId },
  });
  return {
    owner: owned.length,
    backupOwner: backedUp.length,
    events: [...owned.map((i) => event(i.id, i.name, "ownerId")), ...backedUp.map((i) => event(i.id, i.name, "backupOwnerId"))],
  };
}

/**
 * Moves everything a departed owner held to someone else, in one transaction: identities they owned get the
 * new owner, those they backed up get the new backup owner (unless that person already owns them). Each
 * identity gets its own audit event, so its history shows the transfer. A dry run only counts, and names
 * the first identities that would move.
 */
export const transferOwnedIdentities = defineMutation({
  action: "identity.bulkTransfer",
  input: bulkTransferSchema,
  lockKey: (input) => `bulk-transfer:${input.fromUserId}`,
  load: async () => ({ type: "registry" as const }),
  async change({ tx, input: { fromUserId, toUserId, dryRun } }) {
    await assertEligibleOwners(tx, { toUserId });
    const from = await tx.user.findUnique({ where: { id: fromUserId }, select: { email: true } });
    if (!from) throw new DomainError("VALIDATION", "The previous owner does not exist.", { fromUserId: ["unknown user"] });
    const preview = await holdingsToMove(tx, fromUserId, toUserId);
    const result: BulkTransferResult = { ...preview, dryRun };
    if (dryRun) return { result, events: [] };
    const { events } = await moveHoldings(tx, fromUserId, toUserId, `bulk transfer from ${from.email}`);
    return { result, events };
  },
});
