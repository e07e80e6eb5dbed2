import type { ReviewCampaign } from "@/lib/db/generated/client";
import type { Db, Tx } from "@/lib/db/types";
import { departedUsers, ownersMatching } from "../../registry/identity-filter";
import { emitEvents } from "../../notifications/emit-event";
import type { DomainEvent } from "../../notifications/event-types";
import type { Clock } from "../../shared/clock";
import { campaignScopeSchema } from "../campaign-input";
import { type RunSettings, settingsOf } from "../run-settings";
import { candidateItemsSql } from "./candidate-items";

export type LaunchTrigger = "manual" | "schedule" | "event" | "follow_up";

export type LaunchArgs = {
  campaign: ReviewCampaign;
  trigger: LaunchTrigger;
  launchedById: string | null;
  /** Only these identities: an event-triggered review (one identity) or a follow-up round. */
  identityIds?: readonly string[];
  parentRunId?: string;
  /** What happened, for an event-triggered review. */
  event?: Record<string, string>;
  /** A follow-up round lasts this many days instead of the campaign's duration. */
  durationDays?: number;
};

export type LaunchResult = {
  runId: string;
  number: number;
  itemCount: number;
  scopeCount: number;
  reviewers: number;
  noReviewer: number;
  dueAt: Date;
  endsAt: Date;
};

const DAY = 86_400_000;

/**
 * Launches one run of a campaign inside the caller's transaction: the run row, then the snapshot of every
 * identity in scope and of each of its scopes, in two INSERT … SELECT statements (nothing per identity in the
 * application), then one "review.assigned" event per reviewer. The caller holds the campaign's lock and
 * writes the audit event (a person's launch through defineMutation, a scheduled one as the system).
 */
export async function launchRun(tx: Tx, clock: Clock, args: LaunchArgs): Promise<LaunchResult> {
  const { campaign } = args;
  const now = clock.now();
  const settings: RunSettings = settingsOf(campaign);
  const scope = campaignScopeSchema.parse(campaign.scope);
  const dueAt = new Date(now.getTime() + (args.durationDays ?? settings.durationDays) * DAY);
  const endsAt = new Date(dueAt.getTime() + settings.graceDays * DAY);
  const [last] = await tx.$queryRaw<{ n: number }[]>`
    SELECT COALESCE(max(number), 0)::int AS n FROM "ReviewRun" WHERE "campaignId" = ${campaign.id}::uuid`;
  const number = (last?.n ?? 0) + 1;
  const run = await tx.reviewRun.create({
    data: {
      campaignId: campaign.id,
      number,
      trigger: args.trigger,
      launchedById: args.launchedById,
      launchedAt: now,
      dueAt,
      endsAt,
      settings,
      parentRunId: args.parentRunId ?? null,
      event: args.event ?? undefined,
    },
  });
  // The filter's people look-ups read only the user table; a transaction client serves them as well as the pool.
  const people = tx as unknown as Db;
  const [owners, departed] = await Promise.all([ownersMatching(people, scope.q), departedUsers(people, scope)]);
  const candidates = candidateItemsSql({
    scope,
    now,
    rule: { fallbackReviewerIds: campaign.fallbackReviewerIds, campaignOwnerId: campaign.ownerId },
    identityIds: args.identityIds,
    matchingOwners: owners,
    departed,
  });
  const itemCount = await tx.$executeRaw`
    INSERT INTO "ReviewItem" (id, "runId", "identityId", name, kind, platform, "externalId", environment, purpose, status,
      team, vendor, "ownerId", "backupOwnerId", "credentialType", "oldestCredentialAt", "credentialRotatedAt",
      "credentialExpiresAt", "lastUsedAt", usage, "activeCredentials", "neverExpires", "humanUse", flags, risks,
      recommendation, "recommendationReason", "reviewerId", "reviewerRung")
    SELECT gen_random_uuid(), ${run.id}::uuid, c."identityId", c.name, c.kind, c.platform, c."externalId", c.environment,
      c.purpose, c.status, c.team, c.vendor, c."ownerId", c."backupOwnerId", c."credentialType", c."oldestCredentialAt",
      c."credentialRotatedAt", c."credentialExpiresAt", c."lastUsedAt", c.usage, c."activeCredentials", c."neverExpires",
      c."humanUse", c.flags, c.risks, c.recommendation, c."recommendationReason", c."reviewerId", c."reviewerRung"
    FROM (${candidates}) c`;
  // Each scope as it is now; "risky" as the registry's warnings judge it (write or admin applying in
  // production, or a wildcard), so keeping one needs a reason.
  const scopeCount = await tx.$executeRaw`
    INSERT INTO "ReviewItemScope" (id, "itemId", "runId", "entitlementId", resource, action, level, environment,
      "lastUsedAt", usage, risky)
    SELECT gen_random_uuid(), it.id, it."runId", e.id, e.resource, e.action, e.level, e.environment, e."lastUsedAt", e.usage,
      (e.level IN ('write', 'admin') AND COALESCE(e.environment, it.environment) = 'production')
        OR e.resource LIKE '%*%' OR e.action LIKE '%*%'
    FROM "ReviewItem" it JOIN "Entitlement" e ON e."identityId" = it."identityId"
    WHERE it."runId" = ${run.id}::uuid`;
  await tx.reviewRun.update({ where: { id: run.id }, data: { itemCount } });

  const perReviewer = await tx.$queryRaw<{ reviewerId: string | null; n: number }[]>`
    SELECT "reviewerId", count(*)::int AS n FROM "ReviewItem" WHERE "runId" = ${run.id}::uuid GROUP BY "reviewerId"`;
  const label = `${campaign.name} #${number}`;
  const due = dueAt.toISOString().slice(0, 10);
  const events: DomainEvent[] = perReviewer
    .filter((r): r is { reviewerId: string; n: number } => r.reviewerId !== null)
    .map((r) => ({
      type: "review.assigned",
      recipients: [r.reviewerId],
      title: `${r.n.toLocaleString("en")} ${r.n === 1 ? "identity" : "identities"} to review in ${label}, due ${due}`,
      body: `${label} asks you to certify or cut what each identity holds. Decisions are due on ${due}.`,
      link: `/reviews?run=${run.id}`,
      dedupeKey: `review:${run.id}:assigned`,
      data: { runId: run.id, campaignId: campaign.id, items: r.n, dueAt: dueAt.toISOString() },
    }));
  await emitEvents(tx, clock, events);
  return {
    runId: run.id,
    number,
    itemCount,
    scopeCount,
    reviewers: events.length,
    noReviewer: perReviewer.find((r) => r.reviewerId === null)?.n ?? 0,
    dueAt,
    endsAt,
  };
}
