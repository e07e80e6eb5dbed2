import { z } from "zod";
import type { Identity } from "@/lib/db/generated/client";
import type { IdentityTarget } from "../authz/policy";
import { defineMutation, identitySubject } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { WITH_PEOPLE, toIdentitySummary } from "./identity-dto";
import { loadIdentityTarget } from "./load-identity-target";
import { assertEligibleOwners } from "./owner-eligibility";

export const claimIdentitySchema = z.object({ id: z.uuid("id must be an identity id") });

/**
 * Someone who may own identities takes one that has no owner (the policy's `unowned` rule): they become its
 * owner, recorded as identity.claim. Admins see every claim under Recent claims and may undo it.
 */
export const claimIdentity = defineMutation({
  action: "identity.claim",
  input: claimIdentitySchema,
  subject: identitySubject(),
  lockKey: (input) => `identity:${input.id}`,
  load: (tx, input) => loadIdentityTarget(tx, input.id),
  async change({ tx, actor, target: { identity } }) {
    if (actor.type !== "user") throw new DomainError("FORBIDDEN", "Only a person can claim an identity.");
    // The policy let the role through; the person must also be someone who may be named owner (active).
    await assertEligibleOwners(tx, { ownerId: actor.userId });
    const updated = await tx.identity.update({
      where: { id: identity.id },
      // A backup owner who claims it becomes its owner, and so stops being its backup.
      data: {
        ownerId: actor.userId,
        backupOwnerId: identity.backupOwnerId === actor.userId ? null : identity.backupOwnerId,
        // Claimed by a person: a later import does not hand it back to nobody (or to someone else).
        pinnedFields: [...new Set([...identity.pinnedFields, "ownerId"])].sort(),
        version: { increment: 1 },
      },
      include: WITH_PEOPLE,
    });
    return {
      result: toIdentitySummary(updated),
      events: {
        reason: "claimed an identity without an owner",
        before: ownership(identity),
        after: ownership(updated),
      },
    };
  },
});

const ownership = (i: Identity) => ({ ownerId: i.ownerId, backupOwnerId: i.backupOwnerId });

export const undoClaimSchema = z.object({
  id: z.uuid("id must be an identity id"),
  claimSeq: z
    .string({ error: "claimSeq must be the claim's event number" })
    .regex(/^\d{1,18}$/, "claimSeq must be the claim's event number"),
});

/**
 * An admin takes back a claim: the identity is ownerless again (with the backup owner it had before the
 * claim), but only while the claimer still owns it; once it has moved on, undoing would take it from
 * someone else, so that is refused with the reason.
 */
export const undoClaim = defineMutation({
  action: "identity.undoClaim",
  input: undoClaimSchema,
  subject: identitySubject(),
  lockKey: (input) => `identity:${input.id}`,
  load: async (tx, input): Promise<IdentityTarget & { identity: Identity }> => loadIdentityTarget(tx, input.id),
  async change({ tx, input, target: { identity } }) {
    const claim = await tx.auditEvent.findUnique({ where: { seq: BigInt(input.claimSeq) } });
    if (!claim || claim.action !== "identity.claim" || claim.outcome !== "allowed" || claim.targetId !== identity.id)
      throw new DomainError("NOT_FOUND", "That claim does not exist for this identity. Refresh Recent claims and try again.");
    const undone = await tx.auditEvent.findFirst({
      where: { action: "identity.undoClaim", outcome: "allowed", targetId: identity.id, reason: undoReason(input.claimSeq) },
      select: { seq: true },
    });
    if (undone) throw new DomainError("CONFLICT", `"${identity.name}": this claim was already undone.`);
    if (identity.ownerId !== claim.actorId)
      throw new DomainError(
        "CONFLICT",
        `"${identity.name}" is no longer owned by ${claim.actorLabel}, who claimed it: undoing the claim would take it from its current owner. Transfer it instead.`,
      );
    const before = (claim.before ?? {}) as { backupOwnerId?: string | null };
    // Its backup owner stays; one the claim cleared (the claimer was its backup) comes back.
    const backupOwnerId = identity.backupOwnerId ?? before.backupOwnerId ?? null;
    const updated = await tx.identity.update({
      where: { id: identity.id },
      data: { ownerId: null, backupOwnerId, version: { increment: 1 } },
      include: WITH_PEOPLE,
    });
    return {
      result: toIdentitySummary(updated),
      events: { reason: undoReason(input.claimSeq), before: ownership(identity), after: ownership(updated) },
    };
  },
});

/** The undo's reason names the claim it undoes: Recent claims reads it back to show "undone". */
export const undoReason = (claimSeq: string) => `undid claim #${claimSeq}`;
