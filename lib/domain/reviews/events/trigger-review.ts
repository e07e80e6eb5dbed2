import type { Tx } from "@/lib/db/types";
import type { EventDraft } from "../../shared/define-mutation";
import type { Clock } from "../../shared/clock";
import { runTarget } from "../campaigns/campaign-target";
import { launchRun } from "../launch/launch-run";
import type { Trigger } from "../vocabulary";

// Event-triggered reviews: something happened to identities (their owner was deactivated, an admin or write
// scope was added in production, an AI agent was registered) and each active campaign with that trigger
// reviews them, through the same engine as any run (launchRun with identityIds, trigger "event"): the same
// snapshot, reviewer rule, reminders, escalation, close. Called from the action's own transaction, so the
// review exists exactly when the change does. Costs one indexed read (campaigns by trigger) when no campaign
// has the trigger, which is the usual case.
//
// The registry import does not trigger reviews: a source sync lists every agent and privileged scope again
// each time, so it would open reviews for what people did not do; the campaign that reviews the same filter
// on a schedule covers imported identities (and a hook per batch would cost more than a statement per batch
// as soon as one campaign has a trigger).

/** Above this many identities at once (an owner of thousands deactivated), one run covers them all. */
export const ONE_RUN_EACH_UP_TO = 100;

export type TriggerArgs = {
  trigger: Trigger;
  identityIds: readonly string[];
  /** What happened, in words for the audit log ("owner ada@example.com deactivated"). */
  what: string;
  /** Facts kept on the run (ReviewRun.event): ids, names, levels. */
  event: Record<string, string>;
};

/** Whether a grant is an admin or write scope that applies in production (the scope's environment, or the identity's). */
export function privilegedInProduction(level: string, environment: string | null | undefined, identityEnvironment: string): boolean {
  return (level === "write" || level === "admin") && (environment ?? identityEnvironment) === "production";
}

/** Whether any active campaign reviews on this event: one indexed read, so a hook pays nothing more when none does. */
export async function reviewsTriggeredBy(tx: Tx, trigger: Trigger): Promise<boolean> {
  return (await tx.reviewCampaign.findFirst({ where: { trigger, status: "active" }, select: { id: true } })) !== null;
}

/** The privileged-scope trigger of a grant added or raised: nothing unless it is admin or write in production. */
export async function reviewPrivilegedGrant(
  tx: Tx,
  clock: Clock,
  grant: {
    identityId: string;
    entitlementId: string;
    resource: string;
    level: string;
    environment: string | null;
    identityEnvironment: string;
  },
): Promise<EventDraft[]> {
  if (!privilegedInProduction(grant.level, grant.environment, grant.identityEnvironment)) return [];
  return triggerReviews(tx, clock, {
    trigger: "privileged_scope_added",
    identityIds: [grant.identityId],
    what: `${grant.level} on ${grant.resource} added in production`,
    event: { entitlementId: grant.entitlementId, resource: grant.resource, level: grant.level },
  });
}

/**
 * Launches the reviews an event calls for, in the caller's transaction, and returns their audit events
 * (review.launch per run) for the caller's mutation to append with its own actor. One run per identity (up to
 * ONE_RUN_EACH_UP_TO identities at once), lasting the campaign's duration; identities already under an open
 * review of the campaign, or outside its scope (a run that would be empty is not kept), are left out.
 */
export async function triggerReviews(tx: Tx, clock: Clock, args: TriggerArgs): Promise<EventDraft[]> {
  if (args.identityIds.length === 0) return [];
  const campaigns = await tx.reviewCampaign.findMany({ where: { trigger: args.trigger, status: "active" }, orderBy: { createdAt: "asc" } });
  const drafts: EventDraft[] = [];
  for (const campaign of campaigns) {
    const busy = await tx.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT it."identityId"::text AS id FROM "ReviewItem" it JOIN "ReviewRun" r ON r.id = it."runId"
      WHERE r."campaignId" = ${campaign.id}::uuid AND r.status <> 'closed' AND it."identityId" = ANY (${[...args.identityIds]}::uuid[])`;
    const skip = new Set(busy.map((b) => b.id));
    const ids = [...new Set(args.identityIds)].filter((id) => !skip.has(id));
    const groups = ids.length <= ONE_RUN_EACH_UP_TO ? ids.map((id) => [id]) : ids.length > 0 ? [ids] : [];
    for (const group of groups) {
      const launched = await launchRun(tx, clock, {
        campaign,
        trigger: "event",
        launchedById: null,
        identityIds: group,
        event: {
          ...args.event,
          type: args.trigger,
          ...(group.length === 1 ? { identityId: group[0]! } : { identities: String(group.length) }),
        },
      });
      if (launched.itemCount === 0) {
        // Outside the campaign's scope (its filter, or decommissioned): no review, and no run left behind.
        await tx.reviewRun.delete({ where: { id: launched.runId } });
        continue;
      }
      drafts.push({
        action: "review.launch",
        target: runTarget({ id: launched.runId, number: launched.number }, campaign.name),
        reason: `triggered: ${args.what}`,
        after: {
          trigger: args.trigger,
          items: launched.itemCount,
          reviewers: launched.reviewers,
          noReviewer: launched.noReviewer,
          dueAt: launched.dueAt.toISOString(),
          endsAt: launched.endsAt.toISOString(),
        },
      });
    }
  }
  return drafts;
}
