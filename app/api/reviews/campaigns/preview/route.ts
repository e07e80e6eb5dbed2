import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { previewCampaign } from "@/lib/domain/reviews/launch/preview-campaign";

/** POST { campaign: <definition> }: what launching it would create, before anything is created. */
export const POST = apiRoute(async ({ actor, db, clock, request }) =>
  previewCampaign({ actor, db, clock, input: await jsonInput(request) }),
);
