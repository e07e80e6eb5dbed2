import { createCampaign } from "@/lib/domain/reviews/campaigns/create-campaign";
import { launchCampaign } from "@/lib/domain/reviews/campaigns/launch-campaign";
import { previewCampaign } from "@/lib/domain/reviews/launch/preview-campaign";
import type { UseCase } from "@/lib/domain/shared/use-case";

/** The access reviews' use-cases (campaigns) that tests/fuzz.test.ts throws hostile input at. */
export const REVIEW_CAMPAIGNS_USE_CASES: Record<string, UseCase<unknown, unknown>> = {
  createCampaign,
  launchCampaign,
  previewCampaign,
};
