import { z } from "zod";
import type { ReviewRun } from "@/lib/db/generated/client";
import { enforce } from "../../authz/enforce";
import { lastPage } from "../../shared/pages";
import type { UseCaseArgs } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import { RECURRENCES } from "../vocabulary";
import { type CampaignDto, campaignPeopleIds, decidedPerRun, peopleByIds, toCampaignDto, toRunDto } from "./campaign-dto";
import { optionalOneOf, pageField } from "./list-input";

export const CAMPAIGN_PAGE_SIZE = 25;
export const CAMPAIGN_STATUSES = ["active", "archived"] as const;

export const listCampaignsSchema = z.object({
  status: optionalOneOf("status", CAMPAIGN_STATUSES),
  recurrence: optionalOneOf("recurrence", RECURRENCES),
  page: pageField,
});

export type CampaignPage = { campaigns: CampaignDto[]; total: number; page: number; pageSize: number };

/**
 * Campaigns (admins and auditors: review.list), newest first, a page at a time, each with its latest run and
 * how far that run has come. Three reads for the page: the campaigns, their latest runs (one DISTINCT ON), and
 * the decided counts of those runs (one GROUP BY); the people they name in a fourth.
 */
export async function listCampaigns({ actor, db, clock, input }: UseCaseArgs): Promise<CampaignPage> {
  await enforce(db, clock, actor, "review.list");
  const f = await validate(listCampaignsSchema, input);
  const where = { ...(f.status ? { status: f.status } : {}), ...(f.recurrence ? { recurrence: f.recurrence } : {}) };
  const total = await db.reviewCampaign.count({ where });
  const page = Math.min(f.page, lastPage(total, CAMPAIGN_PAGE_SIZE));
  const rows = await db.reviewCampaign.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * CAMPAIGN_PAGE_SIZE,
    take: CAMPAIGN_PAGE_SIZE,
  });
  const ids = rows.map((r) => r.id);
  const latest = ids.length
    ? await db.$queryRaw<ReviewRun[]>`
        SELECT DISTINCT ON ("campaignId") * FROM "ReviewRun" WHERE "campaignId" = ANY (${ids}::uuid[]) ORDER BY "campaignId", number DESC`
    : [];
  const [decided, people] = await Promise.all([
    decidedPerRun(
      db,
      latest.map((r) => r.id),
    ),
    peopleByIds(db, rows.flatMap(campaignPeopleIds)),
  ]);
  const latestOf = new Map(latest.map((r) => [r.campaignId, toRunDto(r, decided.get(r.id) ?? 0)]));
  return {
    campaigns: rows.map((c) => toCampaignDto(c, people, latestOf.get(c.id) ?? null)),
    total,
    page,
    pageSize: CAMPAIGN_PAGE_SIZE,
  };
}
