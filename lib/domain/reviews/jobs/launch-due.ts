import type { ReviewCampaign } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/types";
import { appendAuditEvents } from "../../audit/append-audit-event";
import type { SystemActor } from "../../authz/actor";
import type { Clock } from "../../shared/clock";
import { campaignTarget, runTarget } from "../campaigns/campaign-target";
import { nextRunAfter } from "../campaigns/next-run";
import { launchRun } from "../launch/launch-run";
import type { Recurrence } from "../vocabulary";

/** Campaigns launched per job run at most (each in a transaction of its own); the rest wait a minute. */
const PER_RUN = 20;
const LAUNCH_TX = { timeout: 10 * 60_000, maxWait: 60_000 };

export type LaunchDueResult = { launched: string[]; waiting: string[] };

/**
 * The recurrence's next time after the one that came due, skipping any that passed while the console was
 * down (one launch for them all), so the cadence stays on its dates rather than drifting with late launches.
 */
export function followingRun(c: Pick<ReviewCampaign, "recurrence" | "cron" | "nextRunAt">, now: Date): Date | null {
  let next = c.nextRunAt ? nextRunAfter(c.recurrence as Recurrence, c.cron, c.nextRunAt) : null;
  for (let i = 0; next && next <= now && i < 10_000; i += 1) next = nextRunAfter(c.recurrence as Recurrence, c.cron, next);
  return next;
}

/**
 * Launches the recurring campaigns whose next run is due, each once, however many schedulers look at the same
 * moment: the campaign row is locked FOR UPDATE SKIP LOCKED (another scheduler skips it, and once this one
 * commits, no longer sees it due), then the campaign's own lock is tried (an admin launching it by hand at that
 * moment wins, and this one leaves it for the next minute). A campaign whose previous run is still open is
 * not launched: it waits (nextRunAt unchanged, said in the job's summary) and launches as soon as that run
 * closes; runs never overlap. Audited as review.launch by the system actor.
 */
export async function launchDueCampaigns(db: Db, clock: Clock, actor: SystemActor): Promise<LaunchDueResult> {
  const result: LaunchDueResult = { launched: [], waiting: [] };
  const passed: string[] = [];
  for (let i = 0; i < PER_RUN; i += 1) {
    const outcome = await db.$transaction(async (tx) => {
      const now = clock.now();
      const [due] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM "ReviewCampaign"
        WHERE status = 'active' AND trigger IS NULL AND recurrence <> 'one_off' AND "nextRunAt" <= ${now}
          AND NOT (id = ANY (${passed}::uuid[]))
        ORDER BY "nextRunAt", id LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!due) return null;
      const [lock] = await tx.$queryRaw<{ ok: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(hashtextextended(${`review-campaign:${due.id}`}, 0)) AS ok`;
      if (!lock?.ok) return { id: due.id, waiting: "being launched by hand" };
      const campaign = await tx.reviewCampaign.findUniqueOrThrow({ where: { id: due.id } });
      const open = await tx.reviewRun.findFirst({
        where: { campaignId: campaign.id, status: { not: "closed" } },
        select: { number: true },
      });
      if (open) return { id: campaign.id, waiting: `${campaign.name}: #${open.number} is still open` };
      const launched = await launchRun(tx, clock, { campaign, trigger: "schedule", launchedById: null });
      const nextRunAt = followingRun(campaign, now);
      await tx.reviewCampaign.update({ where: { id: campaign.id }, data: { nextRunAt } });
      const target = runTarget({ id: launched.runId, number: launched.number }, campaign.name);
      await appendAuditEvents(
        tx,
        [
          {
            actor,
            action: "review.launch",
            target,
            outcome: "allowed",
            reason: `scheduled (${campaign.recurrence.replace("_", "-")})`,
            after: {
              campaign: campaignTarget(campaign).id ?? null,
              trigger: "schedule",
              items: launched.itemCount,
              scopes: launched.scopeCount,
              reviewers: launched.reviewers,
              noReviewer: launched.noReviewer,
              dueAt: launched.dueAt.toISOString(),
              endsAt: launched.endsAt.toISOString(),
              nextRunAt: nextRunAt?.toISOString() ?? null,
            },
          },
        ],
        clock,
      );
      return { id: campaign.id, launched: `${target.label} (${launched.itemCount} items)` };
    }, LAUNCH_TX);
    if (!outcome) break;
    passed.push(outcome.id);
    if ("launched" in outcome && outcome.launched) result.launched.push(outcome.launched);
    if ("waiting" in outcome && outcome.waiting) result.waiting.push(outcome.waiting);
  }
  return result;
}
