import type { WebhookDelivery, WebhookEndpoint } from "@/lib/db/generated/client";
import type { WebhookFormat } from "./payload";

export const DELIVERY_STATUSES = ["pending", "retrying", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** An endpoint as the admin's pages show it; never its secret (only the hint). */
export type WebhookEndpointDto = {
  id: string;
  name: string;
  url: string;
  eventTypes: string[];
  format: WebhookFormat;
  secretHint: string;
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  consecutiveFailures: number;
  createdAt: string;
  updatedAt: string;
};

/** How an endpoint is doing: its latest delivery and what is still waiting. */
export type WebhookHealthDto = {
  lastDelivery: { status: DeliveryStatus; at: string; responseStatus: number | null; error: string | null } | null;
  lastDeliveredAt: string | null;
  waiting: number;
  failedLast24h: number;
};

export type WebhookDeliveryDto = {
  id: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  responseStatus: number | null;
  error: string | null;
  durationMs: number | null;
  createdAt: string;
  deliveredAt: string | null;
  /** The body as sent (no secret: events never carry one). */
  body: string;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toEndpointDto = (e: WebhookEndpoint): WebhookEndpointDto => ({
  id: e.id,
  name: e.name,
  url: e.url,
  eventTypes: [...e.eventTypes],
  format: e.format as WebhookFormat,
  secretHint: e.secretHint,
  enabled: e.enabled,
  disabledAt: iso(e.disabledAt),
  disabledReason: e.disabledReason,
  consecutiveFailures: e.consecutiveFailures,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

export const toDeliveryDto = (d: WebhookDelivery): WebhookDeliveryDto => ({
  id: d.id,
  eventId: d.eventId.toString(),
  eventType: d.eventType,
  status: d.status as DeliveryStatus,
  attempts: d.attempts,
  nextAttemptAt: iso(d.nextAttemptAt),
  lastAttemptAt: iso(d.lastAttemptAt),
  responseStatus: d.responseStatus,
  error: d.error,
  durationMs: d.durationMs,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: iso(d.deliveredAt),
  body: d.body,
});

/** What the audit log records of an endpoint: its settings, and which secret (the hint), never the secret. */
export const endpointView = (e: Pick<WebhookEndpoint, "name" | "url" | "eventTypes" | "format" | "enabled" | "secretHint">) => ({
  name: e.name,
  url: e.url,
  eventTypes: [...e.eventTypes],
  format: e.format,
  enabled: e.enabled,
  secretHint: `…${e.secretHint}`,
});

export const endpointTarget = (e: { id: string; name: string }) => ({ type: "webhook", id: e.id, label: e.name });
