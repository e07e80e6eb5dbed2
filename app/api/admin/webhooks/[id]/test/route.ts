import { webhookDeps } from "@/app/(console)/admin/webhooks/webhook-deps";
import { apiRoute } from "@/lib/auth/api-route";
import { sendWebhookTestEvent } from "@/lib/domain/webhooks/send-test-event";

/** POST: queues a webhook.test event for this endpoint only; the delivery job sends it within seconds. */
export const POST = apiRoute<{ id: string }>(async ({ actor, db, clock, params }) =>
  sendWebhookTestEvent(webhookDeps())({ actor, db, clock, input: { id: params.id } }),
);
