import { webhookDeps } from "@/app/(console)/admin/webhooks/webhook-deps";
import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { createWebhookEndpoint } from "@/lib/domain/webhooks/create-endpoint";
import { listWebhookEndpoints } from "@/lib/domain/webhooks/list-endpoints";

/** GET: the webhook endpoints, each with its health (admins). */
export const GET = apiRoute(async ({ actor, db, clock }) => listWebhookEndpoints({ actor, db, clock, input: {} }));

/**
 * POST {"name", "url", "eventTypes": [...], "format": "json" | "slack" | "teams"}: adds an endpoint. The answer
 * carries its signing secret (`data.secret`), the only time it is shown.
 */
export const POST = apiRoute(async ({ actor, db, clock, request }) =>
  createWebhookEndpoint(webhookDeps())({ actor, db, clock, input: await jsonInput(request) }),
);
