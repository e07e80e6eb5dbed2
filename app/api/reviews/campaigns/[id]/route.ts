import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { getCampaign } from "@/lib/domain/reviews/campaigns/get-campaign";
import { updateCampaign } from "@/lib/domain/reviews/campaigns/update-campaign";

/** GET: the definition and its runs. PATCH: change some of its fields (send expectedVersion); runs under way keep theirs. */
export const GET = apiRoute<{ id: string }>(async ({ actor, db, clock, params }) =>
  getCampaign({ actor, db, clock, input: { campaignId: params.id } }),
);

export const PATCH = apiRoute<{ id: string }>(async ({ actor, db, clock, request, params }) =>
  updateCampaign({ actor, db, clock, input: await jsonInput(request, { campaignId: params.id }) }),
);
