import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { createCampaign } from "@/lib/domain/reviews/campaigns/create-campaign";
import { listCampaigns } from "@/lib/domain/reviews/campaigns/list-campaigns";

/** GET: one page of campaigns with their latest run (?status=&recurrence=&page=). POST: define a campaign (nothing is launched). */
export const GET = apiRoute(async ({ actor, db, clock, request }) =>
  listCampaigns({ actor, db, clock, input: Object.fromEntries(new URL(request.url).searchParams) }),
);

export const POST = apiRoute(async ({ actor, db, clock, request }) =>
  createCampaign({ actor, db, clock, input: await jsonInput(request) }),
);
