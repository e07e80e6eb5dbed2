import type { Tx } from "@/lib/db/types";
import type { Clock } from "../shared/clock";
import type { DomainEvent } from "../notifications/event-types";
import { buildBody, type WebhookFormat } from "./payload";

export type OutboxRecord = { id: bigint; at: Date; event: DomainEvent };

/**
 * Queues one delivery per enabled endpoint subscribed to each event's type, in the dispatch job's
 * transaction: one read of the endpoints concerned, one insert for all deliveries. The body is built here,
 * per endpoint format, and stored: every attempt sends the same bytes. Idempotent (one delivery per endpoint
 * and event): a dispatch run repeated after a crash queues nothing twice. Test events are never fanned out
 * (sendWebhookTestEvent queues its own). Returns how many deliveries were queued.
 */
export async function enqueueWebhookDeliveries(
  tx: Tx,
  clock: Clock,
  events: readonly OutboxRecord[],
  options: { publicUrl?: string } = {},
): Promise<number> {
  const fanned = events.filter((e) => e.event.type !== "webhook.test");
  if (fanned.length === 0) return 0;
  const types = [...new Set(fanned.map((e) => e.event.type))];
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { enabled: true, eventTypes: { hasSome: types } },
    select: { id: true, format: true, eventTypes: true },
  });
  if (endpoints.length === 0) return 0;
  const now = clock.now();
  const rows = fanned.flatMap((record) =>
    endpoints
      .filter((endpoint) => endpoint.eventTypes.includes(record.event.type))
      .map((endpoint) => ({
        endpointId: endpoint.id,
        eventId: record.id,
        eventType: record.event.type,
        body: buildBody(endpoint.format as WebhookFormat, record, options.publicUrl),
        status: "pending",
        nextAttemptAt: now,
        createdAt: now,
      })),
  );
  if (rows.length === 0) return 0;
  const { count } = await tx.webhookDelivery.createMany({ data: rows, skipDuplicates: true });
  return count;
}
