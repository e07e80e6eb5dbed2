import { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/types";
import { type OutboxRecord, enqueueWebhookDeliveries } from "../webhooks/enqueue-deliveries";
import type { Clock } from "../shared/clock";
import type { DomainEvent } from "./event-types";

export const DISPATCH_BATCH = 500;

export type DispatchResult = { events: number; entries: number; webhooks: number };

/**
 * Turns recorded events into inbox entries and webhook deliveries, in one transaction:
 *
 * 1. claims a batch of undispatched OutboxEvents (oldest first, FOR UPDATE SKIP LOCKED, so two instances
 *    never take the same event) by marking them dispatched; a failure below rolls the mark back;
 * 2. inserts one Notification per recipient in one statement: deactivated people and those who muted the
 *    type are left out; the mail is `skipped` when the person turned mail off or no SMTP server is set,
 *    `digest` when they chose the daily digest, `pending` otherwise. An entry with the same key
 *    (userId, dedupeKey) is refreshed (text, time, unread again) but keeps its mail status once one was
 *    decided, so nobody ever gets two mails for one event;
 * 3. queues the webhook deliveries (enqueueWebhookDeliveries), in the same transaction.
 */
export async function dispatchOutbox(
  db: Db,
  clock: Clock,
  options: { mailEnabled: boolean; batch?: number; publicUrl?: string },
): Promise<DispatchResult> {
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ id: bigint; at: Date; payload: DomainEvent }[]>`
      UPDATE "OutboxEvent" o SET "dispatchedAt" = ${now}
      WHERE o.id IN (
        SELECT id FROM "OutboxEvent" WHERE "dispatchedAt" IS NULL ORDER BY id LIMIT ${options.batch ?? DISPATCH_BATCH} FOR UPDATE SKIP LOCKED
      )
      RETURNING o.id, o.at, o.payload`;
    if (claimed.length === 0) return { events: 0, entries: 0, webhooks: 0 };
    claimed.sort((a, b) => (a.id < b.id ? -1 : 1));
    const ids = JSON.stringify(claimed.map((c) => c.id.toString()));

    // One row per person and key: when a batch holds the same key twice for someone, the newest event wins
    // (ON CONFLICT may not touch a row twice in one statement).
    const entries = await tx.$executeRaw(Prisma.sql`
      WITH ev AS (
        SELECT o.id, o.type, o.payload FROM "OutboxEvent" o
        WHERE o.id IN (SELECT value::bigint FROM jsonb_array_elements_text(${ids}::jsonb))
      ), rcp AS (
        SELECT DISTINCT ON (r.uid, ev.payload->>'dedupeKey') r.uid::uuid AS uid, ev.type, ev.payload
        FROM ev CROSS JOIN LATERAL jsonb_array_elements_text(ev.payload->'recipients') AS r(uid)
        WHERE r.uid ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        ORDER BY r.uid, ev.payload->>'dedupeKey', ev.id DESC
      )
      INSERT INTO "Notification" (id, "userId", "eventType", "dedupeKey", title, body, link, "createdAt", "emailStatus")
      SELECT gen_random_uuid(), u.id, rcp.type, rcp.payload->>'dedupeKey', rcp.payload->>'title',
        COALESCE(rcp.payload->>'body', ''), rcp.payload->>'link', ${now},
        CASE
          WHEN NOT ${options.mailEnabled}::boolean OR NOT COALESCE(s.email, true) THEN 'skipped'
          WHEN COALESCE(s.digest, false) THEN 'digest'
          ELSE 'pending'
        END
      FROM rcp
      JOIN "User" u ON u.id = rcp.uid AND u.status = 'active'
      LEFT JOIN "NotificationSettings" s ON s."userId" = u.id
      WHERE NOT (rcp.type = ANY (COALESCE(s."mutedEvents", ARRAY[]::text[])))
      ON CONFLICT ("userId", "dedupeKey") DO UPDATE SET
        "eventType" = EXCLUDED."eventType",
        title = EXCLUDED.title,
        body = EXCLUDED.body,
        link = EXCLUDED.link,
        "createdAt" = EXCLUDED."createdAt",
        "readAt" = NULL,
        "emailStatus" = CASE WHEN "Notification"."emailStatus" = 'skipped' THEN EXCLUDED."emailStatus" ELSE "Notification"."emailStatus" END`);

    const records: OutboxRecord[] = claimed.map((c) => ({ id: c.id, at: c.at, event: c.payload }));
    const webhooks = await enqueueWebhookDeliveries(tx, clock, records, { publicUrl: options.publicUrl });
    return { events: claimed.length, entries, webhooks };
  });
}
