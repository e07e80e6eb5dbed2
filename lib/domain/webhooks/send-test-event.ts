import type { JsonValue } from "@/lib/db/types";
import type { DomainEvent } from "../notifications/event-types";
import { defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { buildBody, type WebhookFormat } from "./payload";
import { endpointTarget, toDeliveryDto } from "./webhook-dto";
import { endpointIdSchema, type WebhookDeps } from "./webhook-input";
import { consoleTarget, loadEndpoint, webhookLockKey, webhookSubject } from "./webhook-mutation";

/**
 * "Send test event": a `webhook.test` event for this endpoint only, signed and delivered by the delivery job
 * within seconds like any other (so it tests the real path: secret, format, retries). The outbox row is
 * written as already dispatched: it tells no person and reaches no other endpoint.
 */
export const sendWebhookTestEvent = (deps: WebhookDeps) =>
  defineMutation({
    action: "webhook.manage",
    input: endpointIdSchema,
    lockKey: (input) => webhookLockKey(input.id),
    load: consoleTarget,
    subject: webhookSubject,
    async change({ tx, clock, input }) {
      const endpoint = await loadEndpoint(tx, input.id);
      if (!endpoint.enabled)
        throw new DomainError("CONFLICT", "This endpoint is disabled: enable it first, then send a test event.", {
          id: ["the endpoint is disabled"],
        });
      const now = clock.now();
      const event: DomainEvent = {
        type: "webhook.test",
        recipients: [],
        title: `Test event for ${endpoint.name}`,
        body: "A test delivery from NHI Console. If your receiver verified its signature, the endpoint is set up correctly.",
        link: `/admin/webhooks/${endpoint.id}`,
        dedupeKey: `webhook.test:${endpoint.id}:${now.getTime()}`,
        data: { endpointId: endpoint.id, endpointName: endpoint.name, test: true },
      };
      const outbox = await tx.outboxEvent.create({
        data: { type: event.type, at: now, payload: event as unknown as JsonValue, dispatchedAt: now },
      });
      const delivery = await tx.webhookDelivery.create({
        data: {
          endpointId: endpoint.id,
          eventId: outbox.id,
          eventType: event.type,
          body: buildBody(endpoint.format as WebhookFormat, { id: outbox.id, at: now, event }, deps.publicUrl),
          status: "pending",
          nextAttemptAt: now,
          createdAt: now,
        },
      });
      return {
        result: toDeliveryDto(delivery),
        events: {
          action: "webhook.test",
          target: endpointTarget(endpoint),
          after: { eventId: outbox.id.toString(), deliveryId: delivery.id },
        },
      };
    },
  });
