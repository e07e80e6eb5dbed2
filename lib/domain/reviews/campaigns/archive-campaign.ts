import { z } from "zod";
import { cancelScheduled } from "../../jobs/scheduler";
import { defineMutation } from "../../shared/define-mutation";
import { DomainError } from "../../shared/errors";
import { safeText } from "../../shared/safe-text";
import { campaignTarget } from "./campaign-target";

export const archiveCampaignSchema = z.object({
  campaignId: z.uuid("campaignId must be a campaign's id"),
  reason: safeText("reason").trim().max(1000, "reason must be at most 1000 characters").optional(),
});

/**
 * Archives a campaign (admins, in person): it launches no further runs. A run under way is left to finish
 * and close as it would have (its evidence stays); nothing is deleted.
 */
export const archiveCampaign = defineMutation({
  action: "review.manage",
  input: archiveCampaignSchema,
  lockKey: (input) => `review-campaign:${input.campaignId}`,
  load: async () => ({ type: "console" as const }),
  async change({ tx, input }) {
    const campaign = await tx.reviewCampaign.findUnique({ where: { id: input.campaignId } });
    if (!campaign) throw new DomainError("NOT_FOUND", "There is no such campaign.");
    if (campaign.status === "archived") throw new DomainError("CONFLICT", `${campaign.name} is already archived.`);
    const row = await tx.reviewCampaign.update({
      where: { id: campaign.id },
      data: { status: "archived", nextRunAt: null, version: { increment: 1 } },
    });
    // A scheduled launch of the next run, if the engine keeps one as a one-off job, is taken off too.
    await cancelScheduled(tx, `reviews.launch:${campaign.id}`);
    return {
      result: { id: row.id, name: row.name, status: row.status, version: row.version },
      events: {
        target: campaignTarget(row),
        reason: input.reason || null,
        before: { status: campaign.status, nextRunAt: campaign.nextRunAt?.toISOString() ?? null },
        after: { status: "archived", nextRunAt: null },
      },
    };
  },
});
