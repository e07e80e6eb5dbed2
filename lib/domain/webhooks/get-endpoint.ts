import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { enforce } from "../authz/enforce";
import { DomainError } from "../shared/errors";
import { lastPage } from "../shared/pages";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { EMPTY_HEALTH, endpointHealth, type WebhookEndpointWithHealth } from "./list-endpoints";
import { DELIVERY_STATUSES, type DeliveryStatus, toDeliveryDto, toEndpointDto, type WebhookDeliveryDto } from "./webhook-dto";
import { endpointIdField } from "./webhook-input";

const blankToUndefined = (v: unknown) => (v === "" || v === null || v === "all" ? undefined : v);

export const DELIVERY_PAGE_SIZE = 25;

export const getEndpointSchema = z.object({
  id: endpointIdField,
  status: z.preprocess(
    blankToUndefined,
    z.enum(DELIVERY_STATUSES, { error: `status must be one of ${DELIVERY_STATUSES.join(", ")}` }).optional(),
  ),
  page: z.coerce
    .number({ error: "page must be a number" })
    .int("page must be a whole number")
    .min(1, "page must be 1 or more")
    .max(1_000_000)
    .default(1),
  pageSize: z.coerce.number({ error: "pageSize must be a number" }).int().min(1).max(200).default(DELIVERY_PAGE_SIZE),
});

export type DeliveryPage = {
  deliveries: WebhookDeliveryDto[];
  status: DeliveryStatus | null;
  total: number;
  page: number;
  pageSize: number;
};

/**
 * One endpoint with its health and a page of its delivery log, newest first, optionally only one status
 * (the page's URL carries status and page, so a link to "the failures" can be shared). Admins only.
 */
export async function getWebhookEndpoint({
  actor,
  db,
  clock,
  input,
}: UseCaseArgs): Promise<{ endpoint: WebhookEndpointWithHealth; log: DeliveryPage }> {
  await enforce(db, clock, actor, "webhook.read");
  const { id, status, page, pageSize } = await validate(getEndpointSchema, input);
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id } });
  if (!endpoint) throw new DomainError("NOT_FOUND", "This webhook endpoint does not exist (any more).");
  const where: Prisma.WebhookDeliveryWhereInput = { endpointId: id, ...(status ? { status } : {}) };
  const pageOf = (p: number) =>
    db.webhookDelivery.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (p - 1) * pageSize, take: pageSize });
  const [rows, total, health] = await Promise.all([
    pageOf(page),
    db.webhookDelivery.count({ where }),
    endpointHealth(db, clock.now(), [id]),
  ]);
  const last = lastPage(total, pageSize);
  const shown = page <= last ? { rows, page } : { rows: await pageOf(last), page: last };
  return {
    endpoint: { ...toEndpointDto(endpoint), health: health.get(id) ?? EMPTY_HEALTH },
    log: { deliveries: shown.rows.map(toDeliveryDto), status: status ?? null, total, page: shown.page, pageSize },
  };
}
