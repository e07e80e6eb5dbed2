import { z } from "zod";
import { actingPerson } from "../../authz/actor";
import { enforce } from "../../authz/enforce";
import { can } from "../../authz/policy";
import { lastPage } from "../../shared/pages";
import type { UseCaseArgs } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import { peopleByIds } from "../campaigns/campaign-dto";
import { pageField } from "../campaigns/list-input";
import { itemPeopleIds, type RunItemDto, toRunItemDto } from "../progress/item-dto";
import { scopeCounts } from "../progress/list-run-items";

export const identityReviewHistorySchema = z.object({
  identityId: z.uuid("identityId must be an identity's id"),
  page: pageField,
});

export const HISTORY_PAGE_SIZE = 20;

export type IdentityReviewDto = RunItemDto & {
  campaignId: string;
  campaignName: string;
  runNumber: number;
  runStatus: string;
  launchedAt: string;
  dueAt: string;
};

export type IdentityReviewHistory = { reviews: IdentityReviewDto[]; total: number; page: number; pageSize: number };

/**
 * Every review of one identity across campaigns, newest launch first: who reviewed it, what they decided and
 * why, and what became of it. Whoever may read the registry may read this (registry.read): the review is the
 * identity's own history. A decision under way is the reviewer's until the run closes: those who do not read
 * every campaign (review.list) see closed runs and the items they review themselves. Items are found by identity
 * (its index); the identity need not exist any more.
 */
export async function identityReviewHistory({ actor, db, clock, input }: UseCaseArgs): Promise<IdentityReviewHistory> {
  await enforce(db, clock, actor, "registry.read", { type: "registry" });
  const { identityId, page: asked } = await validate(identityReviewHistorySchema, input);
  const me = actingPerson(actor)?.userId ?? "";
  const where = can(actor, "review.list")
    ? { identityId }
    : { identityId, OR: [{ run: { status: "closed" } }, { reviewerId: me }, { extraReviewerIds: { has: me } }] };
  const total = await db.reviewItem.count({ where });
  const page = Math.min(asked, lastPage(total, HISTORY_PAGE_SIZE));
  const rows = await db.reviewItem.findMany({
    where,
    include: {
      run: { select: { number: true, status: true, launchedAt: true, dueAt: true, campaign: { select: { id: true, name: true } } } },
    },
    orderBy: [{ run: { launchedAt: "desc" } }, { id: "asc" }],
    skip: (page - 1) * HISTORY_PAGE_SIZE,
    take: HISTORY_PAGE_SIZE,
  });
  const [people, scopes] = await Promise.all([
    peopleByIds(db, rows.flatMap(itemPeopleIds)),
    scopeCounts(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return {
    reviews: rows.map(({ run, ...item }) => ({
      ...toRunItemDto(item, people, scopes.get(item.id) ?? {}),
      campaignId: run.campaign.id,
      campaignName: run.campaign.name,
      runNumber: run.number,
      runStatus: run.status,
      launchedAt: run.launchedAt.toISOString(),
      dueAt: run.dueAt.toISOString(),
    })),
    total,
    page,
    pageSize: HISTORY_PAGE_SIZE,
  };
}
