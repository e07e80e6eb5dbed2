import { apiRoute } from "@/lib/auth/api-route";
import { getWebhookEndpoint } from "@/lib/domain/webhooks/get-endpoint";

/** GET ?status=&page=&pageSize=: the endpoint, its health and a page of its delivery log, newest first. */
export const GET = apiRoute<{ id: string }>(async ({ actor, db, clock, params, request }) =>
  getWebhookEndpoint({ actor, db, clock, input: { ...Object.fromEntries(new URL(request.url).searchParams), id: params.id } }),
);
