import { z } from "zod";
import { emitEvents } from "../../notifications/emit-event";
import { assertEligibleOwners } from "../../registry/owner-eligibility";
import { defineMutation } from "../../shared/define-mutation";
import { DomainError } from "../../shared/errors";
import { safeText } from "../../shared/safe-text";
import { idOf } from "./decide-item";
import { itemAuditTarget, itemLockKey, loadItemTarget } from "./item-target";

export const reassignItemSchema = z.object({
  id: z.uuid("id must be a review item id"),
  toUserId: z.uuid("toUserId must be a user id"),
  reason: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    safeText("reason").trim().max(1_000, "reason must be at most 1000 characters").optional(),
  ),
});

export type ReassignResult = { id: string; reviewerId: string; reviewerRung: "reassigned"; dueAt: string };

/**
 * Hands an item to someone else who may review (someone who may own identities): its reviewer's choice, or
 * an admin's. Audited; the new reviewer is told (review.assigned). No date moves: the run's due date and end
 * are the run's, so a reassignment never buys time. A decision already made stays until the new reviewer
 * changes it. In a second stage, the first stage's decider may not be handed the item.
 */
export const reassignItem = defineMutation({
  action: "review.reassign",
  input: reassignItemSchema,
  lockKey: (input) => itemLockKey(input.id),
  load: (tx, input) => loadItemTarget(tx, input.id),
  subject: (raw) => ({ type: "review-item", id: idOf(raw) }),
  async change({ tx, clock, input, target }) {
    const { item, run, settings } = target;
    if (clock.now().getTime() >= run.endsAt.getTime())
      throw new DomainError("CONFLICT", "This review's stage has ended: its items can no longer be reassigned.");
    if (input.toUserId === item.reviewerId)
      throw new DomainError("VALIDATION", "toUserId: that person already reviews this item.", {
        toUserId: ["toUserId: that person already reviews this item"],
      });
    if (item.stage === 2 && input.toUserId === item.firstStageDecidedById)
      throw new DomainError("VALIDATION", "toUserId: that person decided this item in the first stage.", {
        toUserId: ["toUserId: that person decided this item in the first stage; a second-stage reviewer must decide it"],
      });
    await assertEligibleOwners(tx, { toUserId: input.toUserId });
    const extraReviewerIds = item.extraReviewerIds.filter((id) => id !== input.toUserId);
    await tx.reviewItem.update({
      where: { id: item.id },
      data: { reviewerId: input.toUserId, reviewerRung: "reassigned", extraReviewerIds, version: { increment: 1 } },
    });
    const label = `${settings.campaignName} #${run.number}`;
    const due = run.dueAt.toISOString().slice(0, 10);
    await emitEvents(tx, clock, [
      {
        type: "review.assigned",
        recipients: [input.toUserId],
        title: `${item.name} to review in ${label}, due ${due}`,
        body: `${item.name} was reassigned to you for review in ${label}. Decisions are due on ${due}.`,
        link: `/reviews/items/${item.id}`,
        dedupeKey: `review:${item.id}:assigned:${input.toUserId}`,
        data: { runId: run.id, itemId: item.id, identityId: item.identityId, rung: "reassigned", dueAt: run.dueAt.toISOString() },
      },
    ]);
    const result: ReassignResult = { id: item.id, reviewerId: input.toUserId, reviewerRung: "reassigned", dueAt: run.dueAt.toISOString() };
    return {
      result,
      events: {
        target: itemAuditTarget(item),
        reason: input.reason ?? "reassigned",
        before: { reviewerId: item.reviewerId, reviewerRung: item.reviewerRung, extraReviewerIds: item.extraReviewerIds },
        after: { reviewerId: input.toUserId, reviewerRung: "reassigned", extraReviewerIds },
      },
    };
  },
});
