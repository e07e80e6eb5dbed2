import { z } from "zod";
import { assertEligibleOwners } from "../registry/owner-eligibility";
import { reviewsTriggeredBy, triggerReviews } from "../reviews/events/trigger-review";
import { moveHoldings } from "../registry/transfer-owned-identities";
import { checkRole, userSubject } from "../shared/define-mutation";
import type { UseCase } from "../shared/use-case";
import { validate } from "../shared/validate";
import { revokeSessions } from "./session-limits";
import { defineUserMutation } from "./user-mutation";
import { auditView, toUserDto, type UserDto } from "./user-dto";

const transferTo = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.uuid("transferToUserId must be a user").optional());

const schema = z
  .object({
    userId: z.uuid("userId must be a user id"),
    /** Deactivation only: who receives what the person owns or backs up, in the same transaction. */
    transferToUserId: transferTo,
  })
  .refine((v) => v.transferToUserId !== v.userId, {
    path: ["transferToUserId"],
    message: "transferToUserId must be someone other than the person deactivated",
  });

/** The user as changed, and for a deactivation that handed their identities on, how many moved. */
export type UserStatusResult = UserDto & { moved?: { owner: number; backupOwner: number } };

const setStatus = (action: "user.deactivate" | "user.reactivate") =>
  defineUserMutation({
    action,
    input: schema,
    async change({ tx, user, input, now }) {
      const status = action === "user.reactivate" ? "active" : "deactivated";
      const transferToUserId = status === "deactivated" ? input.transferToUserId : undefined;
      if (transferToUserId) await assertEligibleOwners(tx, { transferToUserId });
      const updated = await tx.user.update({ where: { id: user.id }, data: { status, deactivatedAt: status === "active" ? null : now } });
      // Deactivation ends every session: a token from before stays refused even after a reactivation.
      if (status === "deactivated") await revokeSessions(tx, user.id);
      // What they owned is reviewed where a campaign has the owner_deactivated trigger (ids read before any hand-on).
      const owned =
        status === "deactivated" && (await reviewsTriggeredBy(tx, "owner_deactivated"))
          ? (await tx.identity.findMany({ where: { ownerId: user.id }, select: { id: true } })).map((i) => i.id)
          : [];
      // Handing on in the same step: the same set-based move as the transfer page, one event per identity.
      const moves = transferToUserId
        ? await moveHoldings(tx, user.id, transferToUserId, `handed on when ${user.email} was deactivated`)
        : null;
      const reviews = await triggerReviews(
        tx,
        { now: () => now },
        {
          trigger: "owner_deactivated",
          identityIds: owned,
          what: `owner ${user.email} deactivated`,
          event: { userId: user.id },
        },
      );
      const moved = moves ? { owner: moves.owner, backupOwner: moves.backupOwner } : undefined;
      return {
        result: { ...toUserDto(updated), ...(moved ? { moved } : {}) } as UserStatusResult,
        events: [{ before: auditView(user), after: auditView(updated) }, ...(moves?.events ?? []), ...reviews],
      };
    },
  });

/**
 * Deactivation takes effect at the user's next request: their sessions are deleted with it. With
 * `transferToUserId`, what they owned or backed up moves to that person in the same transaction.
 */
const deactivate = setStatus("user.deactivate");
export const deactivateUser: UseCase<z.input<typeof schema>, UserStatusResult> = async (args) => {
  const raw = args.input as { transferToUserId?: unknown } | null;
  // Handing identities on is a bulk transfer as well: the caller must be allowed that too.
  if (raw && typeof raw === "object" && raw.transferToUserId) await checkRole(args, "identity.bulkTransfer");
  return deactivate(args);
};
export const reactivateUser = setStatus("user.reactivate");

export const USER_STATUSES = ["active", "deactivated"] as const;
export const userStatusSchema = z.object({
  userId: z.uuid("userId must be a user id"),
  status: z.enum(USER_STATUSES, { error: `status must be one of ${USER_STATUSES.join(", ")}` }),
  transferToUserId: transferTo,
});

/**
 * For entry points that take the status as data: the status is checked like any other input (a bogus or
 * missing one is a 400, never a deactivation), after the role check that every change starts with.
 */
export const setUserStatus: UseCase<z.input<typeof userStatusSchema>, UserStatusResult> = async (args) => {
  await checkRole(args, "user.deactivate", userSubject);
  const { status } = await validate(userStatusSchema, args.input);
  return (status === "active" ? reactivateUser : deactivateUser)(args);
};
