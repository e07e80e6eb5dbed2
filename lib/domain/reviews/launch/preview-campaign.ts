import { z } from "zod";
import { enforce } from "../../authz/enforce";
import { departedUsers, ownersMatching } from "../../registry/identity-filter";
import { DomainError } from "../../shared/errors";
import type { UseCaseArgs } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import { campaignInputSchema } from "../campaign-input";
import { NON_RESPONSE_LABELS, type NonResponseAction, type ReviewerRung } from "../vocabulary";
import { candidateItemsSql } from "./candidate-items";

/** What launching would create, before anything is created. */
export type CampaignPreview = {
  items: number;
  scopes: number;
  riskyItems: number;
  /** Items per reviewer (most first), with the rung of the rule that chose them. */
  reviewers: { reviewerId: string; name: string; email: string; items: number; rungs: Partial<Record<ReviewerRung, number>> }[];
  noReviewer: number;
  byRung: Partial<Record<ReviewerRung, number>>;
  /** Why owners were passed over: no owner, deactivated, or a role that may not review. */
  ownerSkipped: { missing: number; deactivated: number; not_eligible: number };
  recommendations: Record<string, number>;
  nonResponse: { action: NonResponseAction; label: string; identities: number; scopes: number; text: string };
};

const previewSchema = z.object({ campaign: z.unknown() });

/**
 * The launch preview: the same statement the launch runs (candidate-items.ts), aggregated instead of inserted,
 * so what the admin sees is what will be created. Reads only.
 */
export async function previewCampaign({ actor, db, clock, input }: UseCaseArgs): Promise<CampaignPreview> {
  await enforce(db, clock, actor, "review.preview");
  const { campaign: raw } = await validate(previewSchema, input);
  const campaign = await validate(campaignInputSchema, raw);
  const ownerId = campaign.ownerId ?? (actor.type === "user" ? actor.userId : null);
  if (!ownerId) throw new DomainError("VALIDATION", "ownerId is required", { ownerId: ["ownerId is required"] });
  const now = clock.now();
  const [owners, departed] = await Promise.all([ownersMatching(db, campaign.scope.q), departedUsers(db, campaign.scope)]);
  const candidates = candidateItemsSql({
    scope: campaign.scope,
    now,
    rule: { fallbackReviewerIds: campaign.fallbackReviewerIds, campaignOwnerId: ownerId },
    matchingOwners: owners,
    departed,
  });
  return db.$transaction(async (tx) => {
    // One snapshot for every figure: a temporary table of the candidates, gone at commit.
    await tx.$executeRaw`CREATE TEMP TABLE review_preview ON COMMIT DROP AS ${candidates}`;
    const [totals] = await tx.$queryRaw<{ items: number; risky: number; missing: number; deactivated: number; not_eligible: number }[]>`
      SELECT count(*)::int AS items, count(*) FILTER (WHERE cardinality(risks) > 0)::int AS risky,
        count(*) FILTER (WHERE "ownerSkipped" = 'missing')::int AS missing,
        count(*) FILTER (WHERE "ownerSkipped" = 'deactivated')::int AS deactivated,
        count(*) FILTER (WHERE "ownerSkipped" = 'not_eligible')::int AS not_eligible
      FROM review_preview`;
    const rungs = await tx.$queryRaw<{ reviewerId: string | null; rung: ReviewerRung; n: number }[]>`
      SELECT "reviewerId", "reviewerRung" AS rung, count(*)::int AS n FROM review_preview GROUP BY 1, 2`;
    const recommendations = await tx.$queryRaw<{ recommendation: string; n: number }[]>`
      SELECT recommendation, count(*)::int AS n FROM review_preview GROUP BY 1`;
    const [scopes] = await tx.$queryRaw<{ all: number; unusedRisky: number }[]>`
      SELECT count(*)::int AS all,
        count(*) FILTER (WHERE ((e.level IN ('write', 'admin') AND COALESCE(e.environment, p.environment) = 'production')
          OR e.resource LIKE '%*%' OR e.action LIKE '%*%') AND 'unused' = ANY (p.risks))::int AS "unusedRisky"
      FROM review_preview p JOIN "Entitlement" e ON e."identityId" = p."identityId"`;
    const reviewerIds = [...new Set(rungs.flatMap((r) => (r.reviewerId ? [r.reviewerId] : [])))];
    const people = reviewerIds.length
      ? await tx.user.findMany({ where: { id: { in: reviewerIds } }, select: { id: true, name: true, email: true } })
      : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    const perReviewer = new Map<string, CampaignPreview["reviewers"][number]>();
    const byRung: CampaignPreview["byRung"] = {};
    let noReviewer = 0;
    for (const r of rungs) {
      byRung[r.rung] = (byRung[r.rung] ?? 0) + r.n;
      if (!r.reviewerId) {
        noReviewer += r.n;
        continue;
      }
      const person = byId.get(r.reviewerId);
      const entry = perReviewer.get(r.reviewerId) ?? {
        reviewerId: r.reviewerId,
        name: person?.name ?? "(unknown)",
        email: person?.email ?? "",
        items: 0,
        rungs: {},
      };
      entry.items += r.n;
      entry.rungs[r.rung] = (entry.rungs[r.rung] ?? 0) + r.n;
      perReviewer.set(r.reviewerId, entry);
    }
    const recs = Object.fromEntries(recommendations.map((r) => [r.recommendation, r.n]));
    return {
      items: totals?.items ?? 0,
      scopes: scopes?.all ?? 0,
      riskyItems: totals?.risky ?? 0,
      reviewers: [...perReviewer.values()].sort((a, b) => b.items - a.items || a.name.localeCompare(b.name)),
      noReviewer,
      byRung,
      ownerSkipped: { missing: totals?.missing ?? 0, deactivated: totals?.deactivated ?? 0, not_eligible: totals?.not_eligible ?? 0 },
      recommendations: recs,
      nonResponse: nonResponseEffect(campaign.nonResponseAction, totals?.items ?? 0, recs, scopes?.unusedRisky ?? 0),
    };
  });
}

/** What the non-response action would do if nobody answered at all: the worst case, in numbers and words. */
function nonResponseEffect(
  action: NonResponseAction,
  items: number,
  recs: Record<string, number>,
  unusedRiskyScopes: number,
): CampaignPreview["nonResponse"] {
  const n = (x: number, one: string, many: string) => `${x.toLocaleString("en")} ${x === 1 ? one : many}`;
  const label = NON_RESPONSE_LABELS[action];
  switch (action) {
    case "keep_flag":
      return {
        action,
        label,
        identities: items,
        scopes: 0,
        text: `Nothing is removed: ${n(items, "identity stays", "identities stay")} as they are, flagged as not reviewed.`,
      };
    case "take_recommendations": {
      const changed = items - (recs.keep ?? 0);
      return {
        action,
        label,
        identities: changed,
        scopes: 0,
        text: `${n(changed, "identity gets", "identities get")} its recommendation (${
          Object.entries(recs)
            .filter(([k]) => k !== "keep")
            .map(([k, v]) => `${k} ${v.toLocaleString("en")}`)
            .join(", ") || "none"
        }); the rest are kept.`,
      };
    }
    case "revoke_unused_risky":
      return {
        action,
        label,
        identities: 0,
        scopes: unusedRiskyScopes,
        text: `${n(unusedRiskyScopes, "risky scope", "risky scopes")} of unused identities would be revoked (staged, with a remediation task).`,
      };
    case "suspend":
      return {
        action,
        label,
        identities: items,
        scopes: 0,
        text: `${n(items, "identity", "identities")} would be suspended (staged, never deleted).`,
      };
  }
}
