import { actingPerson } from "../../authz/actor";
import { assertEligibleOwners } from "../../registry/owner-eligibility";
import { defineMutation } from "../../shared/define-mutation";
import { DomainError } from "../../shared/errors";
import { campaignInputSchema } from "../campaign-input";
import { campaignTarget } from "./campaign-target";

/**
 * Defines a campaign (admins, in person). Nothing is launched: the admin previews, then launches; a recurring
 * campaign's later runs launch themselves (reviews.launchDue). Every person it names (campaign owner, fallback
 * and second-stage reviewers) must be able to review: active, with a role that may own identities.
 */
export const createCampaign = defineMutation({
  action: "review.manage",
  input: campaignInputSchema,
  lockKey: () => "review-campaigns",
  load: async () => ({ type: "console" as const }),
  async change({ tx, actor, input }) {
    const ownerId = input.ownerId ?? actingPerson(actor)?.userId;
    if (!ownerId) throw new DomainError("VALIDATION", "ownerId is required", { ownerId: ["ownerId is required"] });
    await assertEligibleOwners(tx, {
      ownerId,
      ...Object.fromEntries(input.fallbackReviewerIds.map((id, i) => [`fallbackReviewerIds.${i}`, id])),
      ...Object.fromEntries(input.secondStageReviewerIds.map((id, i) => [`secondStageReviewerIds.${i}`, id])),
    });
    const { ownerId: _given, scope, ...fields } = input;
    void _given;
    const row = await tx.reviewCampaign.create({
      data: {
        ...fields,
        scope,
        cron: fields.cron ?? null,
        trigger: fields.trigger ?? null,
        ownerId,
        createdById: actingPerson(actor)?.userId ?? null,
      },
    });
    return {
      result: { id: row.id, name: row.name },
      events: { target: campaignTarget(row), after: { ...input, ownerId } },
    };
  },
});
