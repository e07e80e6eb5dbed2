import { z } from "zod";
import { defineMutation } from "../../shared/define-mutation";
import { DomainError } from "../../shared/errors";
import { safeText } from "../../shared/safe-text";
import { REMEDIATION_STATUSES, type RemediationStatus } from "../vocabulary";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

export const updateRemediationSchema = z.object({
  itemId: z.uuid("itemId must be a review item's id"),
  status: z.enum(REMEDIATION_STATUSES, { error: `status must be one of ${REMEDIATION_STATUSES.join(", ")}` }),
  note: z.preprocess(blank, safeText("note").trim().max(1000, "note must be at most 1000 characters").optional()),
});

export type RemediationUpdateDto = {
  id: string;
  remediationStatus: RemediationStatus;
  remediationNote: string | null;
  remediationUpdatedAt: string;
};

/**
 * Records what the system that holds the identity did with a review's change: open, done, failed (with why)
 * or not needed. Admins, or a script with a token scoped review.remediate (the policy lets tokens do this one),
 * typically the automation that carries the change out. Only an applied item has a change to report on.
 */
export const updateRemediation = defineMutation({
  action: "review.remediate",
  input: updateRemediationSchema,
  lockKey: (input) => `review-item:${input.itemId}`,
  load: async () => ({ type: "console" as const }),
  async change({ tx, clock, input }) {
    const item = await tx.reviewItem.findUnique({
      where: { id: input.itemId },
      select: { id: true, name: true, appliedAt: true, remediationStatus: true, remediationNote: true },
    });
    if (!item) throw new DomainError("NOT_FOUND", "There is no such review item.");
    if (!item.appliedAt)
      throw new DomainError("CONFLICT", `Nothing of "${item.name}" has been applied yet: there is no change to report on.`);
    const now = clock.now();
    const note = input.note ?? null;
    await tx.reviewItem.update({
      where: { id: item.id },
      data: { remediationStatus: input.status, remediationNote: note, remediationUpdatedAt: now, version: { increment: 1 } },
    });
    const result: RemediationUpdateDto = {
      id: item.id,
      remediationStatus: input.status,
      remediationNote: note,
      remediationUpdatedAt: now.toISOString(),
    };
    return {
      result,
      events: {
        target: { type: "review-item", id: item.id, label: item.name },
        before: { remediationStatus: item.remediationStatus, remediationNote: item.remediationNote },
        after: { remediationStatus: input.status, remediationNote: note },
      },
    };
  },
});
