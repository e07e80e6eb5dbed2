import { apiRoute } from "@/lib/auth/api-route";
import { launchCampaign } from "@/lib/domain/reviews/campaigns/launch-campaign";

/** POST: launch the campaign's next run now (refused while one is open). */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, params }) =>
  launchCampaign({ actor, db, clock, input: { campaignId: params.id } }),
);
