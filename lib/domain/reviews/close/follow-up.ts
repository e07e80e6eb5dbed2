import type { ReviewRun } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/types";
import type { AuditEventInput } from "../../audit/append-audit-event";
import { type Actor, actingPerson } from "../../authz/actor";
import type { Clock } from "../../shared/clock";
import { runTarget } from "../campaigns/campaign-target";
import { launchRun } from "../launch/launch-run";
import { runSettings } from "../run-settings";

export type FollowUp = { runId: string | null; label: string | null; audit: Omit<AuditEventInput, "actor" | "outcome">[] };

/**
 * The follow-up round of a closing run (settings.followUpRound): its undecided items re-open in a new run of
 * the same campaign (trigger follow_up, parentRunId, followUpDays long), launched through the same engine, so
 * only their reviewers hear of it. Those items of the closing run get the outcome `follow_up` (nothing applied:
 * the non-response action waits for the follow-up's own close, where it applies to what is still unanswered),
 * so an identity is never suspended and re-reviewed at once. One round only: a follow-up run has none of its
 * own, and an archived campaign has none. Identities the follow-up does not take (they left the campaign's
 * scope since) keep the non-response action of this close.
 */
export async function openFollowUp(tx: Tx, clock: Clock, actor: Actor, run: ReviewRun): Promise<FollowUp> {
  const none: FollowUp = { runId: null, label: null, audit: [] };
  const settings = runSettings(run);
  if (!settings.followUpRound || run.trigger === "follow_up") return none;
  const undecided = await tx.$queryRaw<{ id: string }[]>`
    SELECT "identityId"::text AS id FROM "ReviewItem"
    WHERE "runId" = ${run.id}::uuid AND decision IS NULL AND "appliedAt" IS NULL`;
  if (undecided.length === 0) return none;
  const campaign = await tx.reviewCampaign.findUnique({ where: { id: run.campaignId } });
  if (!campaign || campaign.status !== "active") return none;
  const launched = await launchRun(tx, clock, {
    campaign,
    trigger: "follow_up",
    launchedById: actingPerson(actor)?.userId ?? null,
    identityIds: undecided.map((u) => u.id),
    parentRunId: run.id,
    durationDays: settings.followUpDays,
  });
  const deferred = await tx.$executeRaw`
    UPDATE "ReviewItem" old SET outcome = 'follow_up', "appliedAt" = ${clock.now()}, "remediationStatus" = 'not_needed',
      "remediationNote" = ${`re-opened in the follow-up round ${campaign.name} #${launched.number}`}, version = old.version + 1
    WHERE old."runId" = ${run.id}::uuid AND old.decision IS NULL AND old."appliedAt" IS NULL
      AND EXISTS (SELECT 1 FROM "ReviewItem" n WHERE n."runId" = ${launched.runId}::uuid AND n."identityId" = old."identityId")`;
  const target = runTarget({ id: launched.runId, number: launched.number }, campaign.name);
  return {
    runId: launched.runId,
    label: target.label ?? null,
    audit: [
      {
        action: "review.launch",
        target,
        reason: `follow-up round of ${settings.campaignName} #${run.number}: ${deferred} undecided item(s) re-open`,
        after: {
          trigger: "follow_up",
          parentRunId: run.id,
          items: launched.itemCount,
          reviewers: launched.reviewers,
          dueAt: launched.dueAt.toISOString(),
          endsAt: launched.endsAt.toISOString(),
        },
      },
    ],
  };
}
