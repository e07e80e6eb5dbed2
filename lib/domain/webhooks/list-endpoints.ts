import { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/types";
import { enforce } from "../authz/enforce";
import type { UseCaseArgs } from "../shared/use-case";
import { type DeliveryStatus, toEndpointDto, type WebhookEndpointDto, type WebhookHealthDto } from "./webhook-dto";

export type WebhookEndpointWithHealth = WebhookEndpointDto & { health: WebhookHealthDto };

type HealthRow = {
  endpointId: string;
  lastStatus: string | null;
  lastAt: Date | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  lastDeliveredAt: Date | null;
  waiting: number;
  failedLast24h: number;
};

const EMPTY_HEALTH: WebhookHealthDto = { lastDelivery: null, lastDeliveredAt: null, waiting: 0, failedLast24h: 0 };

/** Each endpoint's latest delivery, what waits, and failures of the last day: one statement, by the (endpoint, createdAt) index. */
export async function endpointHealth(db: Db, now: Date, ids: readonly string[]): Promise<Map<string, WebhookHealthDto>> {
  if (ids.length === 0) return new Map();
  const since = new Date(now.getTime() - 86_400_000);
  const rows = await db.$queryRaw<HealthRow[]>`
    SELECT e.id::text AS "endpointId",
           last.status AS "lastStatus", coalesce(last."lastAttemptAt", last."createdAt") AS "lastAt",
           last."responseStatus" AS "lastResponseStatus", last.error AS "lastError",
           (SELECT max(d."deliveredAt") FROM "WebhookDelivery" d WHERE d."endpointId" = e.id AND d.status = 'delivered') AS "lastDeliveredAt",
           (SELECT count(*)::int FROM "WebhookDelivery" d WHERE d."endpointId" = e.id AND d.status IN ('pending', 'retrying')) AS "waiting",
           (SELECT count(*)::int FROM "WebhookDelivery" d
             WHERE d."endpointId" = e.id AND d.status = 'failed' AND d."createdAt" >= ${since}) AS "failedLast24h"
      FROM "WebhookEndpoint" e
      LEFT JOIN LATERAL (
        SELECT d.status, d."lastAttemptAt", d."createdAt", d."responseStatus", d.error
          FROM "WebhookDelivery" d WHERE d."endpointId" = e.id
         ORDER BY d."createdAt" DESC, d.id DESC LIMIT 1
      ) last ON true
     WHERE e.id IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})`;
  return new Map(
    rows.map((r) => [
      r.endpointId,
      {
        lastDelivery:
          r.lastStatus && r.lastAt
            ? {
                status: r.lastStatus as DeliveryStatus,
                at: r.lastAt.toISOString(),
                responseStatus: r.lastResponseStatus,
                error: r.lastError,
              }
            : null,
        lastDeliveredAt: r.lastDeliveredAt ? r.lastDeliveredAt.toISOString() : null,
        waiting: Number(r.waiting),
        failedLast24h: Number(r.failedLast24h),
      },
    ]),
  );
}

/** The endpoints, newest first, each with its health. Admins only (webhook.read). */
export async function listWebhookEndpoints({ actor, db, clock }: UseCaseArgs): Promise<{ endpoints: WebhookEndpointWithHealth[] }> {
  await enforce(db, clock, actor, "webhook.read");
  const endpoints = await db.webhookEndpoint.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  const health = await endpointHealth(
    db,
    clock.now(),
    endpoints.map((e) => e.id),
  );
  return { endpoints: endpoints.map((e) => ({ ...toEndpointDto(e), health: health.get(e.id) ?? EMPTY_HEALTH })) };
}

export { EMPTY_HEALTH };
