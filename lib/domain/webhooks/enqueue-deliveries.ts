import type { Tx } from "@/lib/db/types";
import type { Clock } from "../shared/clock";
import type { DomainEvent } from "../notifications/event-types";

export type OutboxRecord = { id: bigint; at: Date; event: DomainEvent };

/**
 * Queues one delivery per enabled endpoint subscribed to each event's type (set-based), in the dispatch
 * job's transaction. Returns how many deliveries were queued. (Being written: webhooks helper.)
 */
export async function enqueueWebhookDeliveries(_tx: Tx, _clock: Clock, _events: readonly OutboxRecord[]): Promise<number> {
  return 0;
}
