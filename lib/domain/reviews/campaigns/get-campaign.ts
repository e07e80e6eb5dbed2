import { z } from "zod";
import { enforce } from "../../authz/enforce";
import { DomainError } from "../../shared/errors";
import type { UseCaseArgs } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import {
  type CampaignDto,
  type CampaignRunDto,
  campaignPeopleIds,
  decidedPerRun,
  peopleByIds,
  toCampaignDto,
  toRunDto,
} from "./campaign-dto";

export const getCampaignSchema = z.object({ campaignId: z.uuid("campaignId must be a campaign's id") });

/** How many runs the campaign page lists (newest first); older ones stay reachable by their own address. */
export const RUNS_SHOWN = 24;

export type CampaignDetailDto = CampaignDto & { runs: CampaignRunDto[]; runCount: number };

/** One campaign's definition and its runs, newest first (admins and auditors: review.list). */
export async function getCampaign({ actor, db, clock, input }: UseCaseArgs): Promise<CampaignDetailDto> {
  await enforce(db, clock, actor, "review.list");
  const { campaignId } = await validate(getCampaignSchema, input);
  const campaign = await db.reviewCampaign.findUnique({ where: { id: campaignId } });
  if (!campaign) throw new DomainError("NOT_FOUND", "There is no such campaign.");
  const [runs, runCount, people] = await Promise.all([
    db.reviewRun.findMany({ where: { campaignId }, orderBy: { number: "desc" }, take: RUNS_SHOWN }),
    db.reviewRun.count({ where: { campaignId } }),
    peopleByIds(db, campaignPeopleIds(campaign)),
  ]);
  const decided = await decidedPerRun(
    db,
    runs.map((r) => r.id),
  );
  const runDtos = runs.map((r) => toRunDto(r, decided.get(r.id) ?? 0));
  return { ...toCampaignDto(campaign, people, runDtos[0] ?? null), runs: runDtos, runCount };
}
