import { z } from "zod";
import { actingPerson } from "../../authz/actor";
import { defineMutation } from "../../shared/define-mutation";
import { DomainError } from "../../shared/errors";
import { launchRun, type LaunchResult } from "../launch/launch-run";
import { type Recurrence } from "../vocabulary";
import { campaignTarget, runTarget } from "./campaign-target";
import { nextRunAfter } from "./next-run";

export const launchCampaignSchema = z.object({ campaignId: z.uuid("campaignId must be a campaign's id") });

/**
 * Launches a run now (admins, in person): the snapshot, the assignments and the reviewers' notices in one
 * transaction, recorded as one audit event with the counts. A recurring campaign's next run is set from this
 * launch. Refused while a run of the campaign is still open (runs never overlap).
 */
export const launchCampaign = defineMutation({
  action: "review.launch",
  input: launchCampaignSchema,
  lockKey: (input) => `review-campaign:${input.campaignId}`,
  // The snapshot of a whole estate is one transaction: 500,000 identities take seconds, not Prisma's default 5.
  timeoutMs: 5 * 60_000,
  load: async () => ({ type: "console" as const }),
  async change({ tx, actor, clock, input }) {
    const campaign = await tx.reviewCampaign.findUnique({ where: { id: input.campaignId } });
    if (!campaign) throw new DomainError("NOT_FOUND", "There is no such campaign.");
    if (campaign.status !== "active") throw new DomainError("CONFLICT", `${campaign.name} is archived; it launches no more runs.`);
    if (campaign.trigger)
      throw new DomainError("CONFLICT", `${campaign.name} runs on its event, one identity at a time; it is not launched by hand.`);
    const open = await tx.reviewRun.findFirst({ where: { campaignId: campaign.id, status: { not: "closed" } }, select: { number: true } });
    if (open) throw new DomainError("CONFLICT", `${campaign.name} #${open.number} is still open: close it before launching the next run.`);
    const launched: LaunchResult = await launchRun(tx, clock, {
      campaign,
      trigger: "manual",
      launchedById: actingPerson(actor)?.userId ?? null,
    });
    const nextRunAt = nextRunAfter(campaign.recurrence as Recurrence, campaign.cron, clock.now());
    await tx.reviewCampaign.update({ where: { id: campaign.id }, data: { nextRunAt } });
    return {
      result: { ...launched, nextRunAt },
      events: {
        target: runTarget({ id: launched.runId, number: launched.number }, campaign.name),
        after: {
          campaign: campaignTarget(campaign).id ?? null,
          items: launched.itemCount,
          scopes: launched.scopeCount,
          reviewers: launched.reviewers,
          noReviewer: launched.noReviewer,
          dueAt: launched.dueAt.toISOString(),
          endsAt: launched.endsAt.toISOString(),
          nextRunAt: nextRunAt?.toISOString() ?? null,
        },
      },
    };
  },
});
