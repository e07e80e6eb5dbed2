import { archiveCampaign } from "@/lib/domain/reviews/campaigns/archive-campaign";
import { createCampaign } from "@/lib/domain/reviews/campaigns/create-campaign";
import { getCampaign } from "@/lib/domain/reviews/campaigns/get-campaign";
import { launchCampaign } from "@/lib/domain/reviews/campaigns/launch-campaign";
import { listCampaigns } from "@/lib/domain/reviews/campaigns/list-campaigns";
import { updateCampaign } from "@/lib/domain/reviews/campaigns/update-campaign";
import { exportEvidence } from "@/lib/domain/reviews/evidence/export-evidence";
import { identityReviewHistory } from "@/lib/domain/reviews/history/identity-review-history";
import { previewCampaign } from "@/lib/domain/reviews/launch/preview-campaign";
import { listRunItems } from "@/lib/domain/reviews/progress/list-run-items";
import { runProgress } from "@/lib/domain/reviews/progress/run-progress";
import type { UseCase } from "@/lib/domain/shared/use-case";

/** The access reviews' use-cases (campaigns) that tests/fuzz.test.ts throws hostile input at. */
export const REVIEW_CAMPAIGNS_USE_CASES: Record<string, UseCase<unknown, unknown>> = {
  createCampaign,
  launchCampaign,
  previewCampaign,
  listCampaigns,
  getCampaign,
  updateCampaign: updateCampaign as UseCase<unknown, unknown>,
  archiveCampaign,
  runProgress,
  listRunItems,
  identityReviewHistory,
  exportEvidence,
};
